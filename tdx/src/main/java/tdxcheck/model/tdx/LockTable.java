package tdxcheck.model.tdx;

import java.util.List;

/**
 * The TDX module's lock table in one place, as data: for each SEAMCALL, the mode in which it
 * takes the TD epoch lock, secure_ept_lock (outside and inside zero-step mode) and whether it
 * takes the S-EPT entry lock of its target. Mirrors the table in seed 004 (Yan Zhao, 14 Sep 2024)
 * and tdx-facts §2. The TDR/TDVPR PAMT and op_state locks are shared-only at runtime and never
 * contend ([L1] summary), so they are left out.
 *
 * <p>Holders are derived from where each actor is (a vCPU in TDH.VP.ENTER holds what VP.ENTER
 * takes, and so on), so the state carries no lock words that could disagree with the actors.
 */
public final class LockTable {

    /** One row: a SEAMCALL and how it takes each lock, in the module's acquisition order. */
    public record Row(Seamcall call, LockMode epoch, LockMode tree, LockMode treeInZeroStep, boolean entry) {
    }

    /** The table, one row per SEAMCALL. */
    public static final List<Row> ROWS = buildRows();

    /** Entry id of the shared non-leaf S-EPT entry (leaf entries are GPA indices 0..3). */
    public static final int PDE = TdxWords.MAX_GPAS;

    private static List<Row> buildRows() {
        Seamcall[] calls = Seamcall.values();
        Row[] rows = new Row[calls.length];
        for (Seamcall c : calls) {
            rows[c.ordinal()] = new Row(c, TdEpochLock.mode(c), SecureEptLock.mode(c, false),
                    SecureEptLock.mode(c, true), SeptEntryLock.taken(c));
        }
        return List.of(rows);
    }

    private LockTable() {
    }

    public static Row row(Seamcall call) {
        return ROWS.get(call.ordinal());
    }

    /**
     * Whether a call that is being acquired contends with one that holds its locks, and on which
     * operand: the first lock in the module's order (epoch, tree, entry) on which they conflict.
     * Returns {@link Outcome#LOCKS_TAKEN} when they do not contend. Host-priority is not
     * considered here (see {@link SeptEntryLock#tryLock}).
     */
    public static Outcome contend(Seamcall held, boolean heldZeroStep, Seamcall acquiring, boolean acqZeroStep,
                                  boolean sameEntry) {
        Row h = row(held);
        Row a = row(acquiring);
        if (a.epoch().conflictsWith(h.epoch())) {
            return TdEpochLock.BUSY;
        }
        LockMode at = acqZeroStep ? a.treeInZeroStep() : a.tree();
        LockMode ht = heldZeroStep ? h.treeInZeroStep() : h.tree();
        if (at.conflictsWith(ht)) {
            return SecureEptLock.BUSY;
        }
        if (sameEntry && a.entry() && h.entry()) {
            return Outcome.BUSY_RCX;
        }
        return Outcome.LOCKS_TAKEN;
    }

    // ---- holders derived from the state ----

    /** The call {@code actor} holds locks for in {@code s}, or null. */
    public static Seamcall heldCall(TdxConfig c, long[] s, int actor) {
        if (actor < c.vcpus()) {
            return vcpuThreadHolds(TdxWords.pc(s, actor));
        } else if (actor < 2 * c.vcpus()) {
            return TdxWords.pc(s, actor - c.vcpus()) == VcpuPc.ACCEPT ? Seamcall.MEM_PAGE_ACCEPT : null;
        } else if (c.hasZap()) {
            return zapHolds(TdxWords.zapPc(s));
        }
        return null;
    }

    /**
     * The call a vCPU thread at {@code pc} holds locks for: TDH.VP.ENTER inside VP.ENTER,
     * SEPT.ADD and PAGE.AUG between their acquire and complete steps; else null.
     */
    public static Seamcall vcpuThreadHolds(int pc) {
        int held = VCPU_HELD[pc];
        return held < 0 ? null : CALL[held];
    }

    /** The call the zap at {@code zapPc} holds locks for: RANGE.BLOCK, MEM.TRACK, PAGE.REMOVE; else null. */
    public static Seamcall zapHolds(int zapPc) {
        int held = ZAP_HELD[zapPc];
        return held < 0 ? null : CALL[held];
    }

    /** The entry the held call of {@code actor} targets (GPA index or {@link #PDE}); -1 for none. */
    public static int heldEntry(TdxConfig c, long[] s, int actor) {
        Seamcall call = heldCall(c, s, actor);
        if (call == null || !row(call).entry()) {
            return -1;
        }
        if (call == Seamcall.MEM_SEPT_ADD) {
            return PDE;
        }
        if (actor < 2 * c.vcpus()) {
            return TdxWords.faultGpa(s, actor % c.vcpus());
        }
        return c.zapGpa();
    }

    /** Whether {@code actor}'s held call is a zero-step TDH.VP.ENTER (which adds secure_ept_lock EX). */
    public static boolean heldInZeroStep(TdxConfig c, long[] s, int actor) {
        return actor < c.vcpus() && TdxWords.zeroStepGpas(s, actor) != 0;
    }

    /**
     * Try to take the locks of {@code call} for {@code self} against every other holder in
     * {@code s}: BUSY with the operand of the first lock (module order) that fails, else
     * {@link Outcome#LOCKS_TAKEN}. Host priority is applied by the caller. No allocation.
     *
     * <p>The same as asking {@link #contend} against {@link #heldCall} of every other actor and
     * keeping the earliest lock in module order; for speed the holders are read straight from
     * the vCPU records and {@link #contend} is looked up in {@link #RANK}, a table built from it.
     */
    public static Outcome tryAcquire(TdxConfig c, long[] s, int self, Seamcall call, boolean zeroStep, int entry) {
        int acquiring = call.ordinal() * 2 + (zeroStep ? 1 : 0);
        int worst = NO_CONFLICT;
        int vcpus = c.vcpus();
        // e.g. TDH.VP.ENTER outside zero-step mode: no call a vCPU or guest can hold conflicts with it
        for (int v = 0; v < vcpus && MAY_CONFLICT_WITH_VCPUS[acquiring]; v++) {
            int pc = TdxWords.pc(s, v);
            int held = VCPU_HELD[pc];
            if (held >= 0 && v != self) {
                boolean heldZeroStep = TdxWords.zeroStepGpas(s, v) != 0;
                int heldEntry = held == SEPT_ADD ? PDE : TdxWords.faultGpa(s, v);
                worst = Math.min(worst, rank(held, heldZeroStep, acquiring, entry >= 0 && heldEntry == entry));
            } else if (pc == VcpuPc.ACCEPT && vcpus + v != self) {
                // guest v inside TDG.MEM.PAGE.ACCEPT on its fault gpa
                worst = Math.min(worst, rank(PAGE_ACCEPT, false, acquiring,
                        entry >= 0 && TdxWords.faultGpa(s, v) == entry));
            }
        }
        if (c.hasZap() && c.zapActor() != self) {
            int held = ZAP_HELD[TdxWords.zapPc(s)];
            if (held >= 0) {
                worst = Math.min(worst, rank(held, false, acquiring, entry >= 0 && c.zapGpa() == entry));
            }
        }
        return RANK_OUTCOME[worst];
    }

    // ---- the lookup tables of tryAcquire, all derived from the definitions above ----

    private static final Seamcall[] CALL = Seamcall.values();
    private static final int CALLS = CALL.length;
    private static final int SEPT_ADD = Seamcall.MEM_SEPT_ADD.ordinal();
    private static final int PAGE_ACCEPT = Seamcall.MEM_PAGE_ACCEPT.ordinal();
    /** Rank of "no conflict": larger than every conflict, so min() keeps the earliest lock. */
    private static final int NO_CONFLICT = 3;
    /** Rank to outcome: 0 epoch, 1 tree, 2 entry (the module's order), 3 none. */
    private static final Outcome[] RANK_OUTCOME = {TdEpochLock.BUSY, SecureEptLock.BUSY, Outcome.BUSY_RCX,
        Outcome.LOCKS_TAKEN};
    /** {@link #contend} as a rank, indexed by held call, held-in-zero-step, acquiring call and zero-step, same entry. */
    private static final byte[] RANK = buildRank();
    /** The call a vCPU thread at each {@link VcpuPc} holds locks for (ordinal), or -1: as {@link #heldCall}. */
    private static final int[] VCPU_HELD = buildVcpuHeld();
    /** The call the zap at each {@link ZapPc} holds locks for (ordinal), or -1: as {@link #heldCall}. */
    private static final int[] ZAP_HELD = buildZapHeld();
    /**
     * Per acquiring call and zero-step flag: whether some call a vCPU thread or a guest can hold
     * (any zero-step flag, same entry or not) conflicts with it, per {@link #RANK}. When not, the
     * vCPUs need not be looked at.
     */
    private static final boolean[] MAY_CONFLICT_WITH_VCPUS = buildMayConflict();

    private static int rank(int held, boolean heldZeroStep, int acquiring, boolean sameEntry) {
        return RANK[(((held * 2 + (heldZeroStep ? 1 : 0)) * CALLS * 2 + acquiring) << 1) | (sameEntry ? 1 : 0)];
    }

    private static byte[] buildRank() {
        Seamcall[] calls = Seamcall.values();
        byte[] t = new byte[CALLS * 2 * CALLS * 2 * 2];
        for (Seamcall held : calls) {
            for (int hz = 0; hz < 2; hz++) {
                for (Seamcall acq : calls) {
                    for (int az = 0; az < 2; az++) {
                        for (int same = 0; same < 2; same++) {
                            Outcome o = contend(held, hz == 1, acq, az == 1, same == 1);
                            int r = o == TdEpochLock.BUSY ? 0 : o == SecureEptLock.BUSY ? 1
                                    : o == Outcome.BUSY_RCX ? 2 : NO_CONFLICT;
                            int i = (((held.ordinal() * 2 + hz) * CALLS * 2 + acq.ordinal() * 2 + az) << 1) | same;
                            t[i] = (byte) r;
                        }
                    }
                }
            }
        }
        return t;
    }

    private static boolean[] buildMayConflict() {
        boolean[] t = new boolean[CALLS * 2];
        for (int acquiring = 0; acquiring < CALLS * 2; acquiring++) {
            for (int pc = 0; pc < VCPU_HELD.length; pc++) {
                int held = pc == VcpuPc.ACCEPT ? PAGE_ACCEPT : VCPU_HELD[pc];
                for (int hz = 0; held >= 0 && hz < 2; hz++) {
                    for (int same = 0; same < 2; same++) {
                        t[acquiring] |= rank(held, hz == 1, acquiring, same == 1) != NO_CONFLICT;
                    }
                }
            }
        }
        return t;
    }

    private static int[] buildVcpuHeld() {
        int[] t = new int[32];
        java.util.Arrays.fill(t, -1);
        t[VcpuPc.ENTER] = Seamcall.VP_ENTER.ordinal();
        t[VcpuPc.ADD_HELD] = Seamcall.MEM_SEPT_ADD.ordinal();
        t[VcpuPc.AUG_HELD] = Seamcall.MEM_PAGE_AUG.ordinal();
        return t;
    }

    private static int[] buildZapHeld() {
        int[] t = new int[32];
        java.util.Arrays.fill(t, -1);
        t[ZapPc.BLOCK_HELD] = Seamcall.MEM_RANGE_BLOCK.ordinal();
        t[ZapPc.TRACK_HELD] = Seamcall.MEM_TRACK.ordinal();
        t[ZapPc.REMOVE_HELD] = Seamcall.MEM_PAGE_REMOVE.ordinal();
        return t;
    }

    /** Owner label of a sharex lock ({@code epoch} or {@code sept_tree}): "-", "shared a,b" or "ex a". */
    public static String owners(TdxConfig c, long[] s, boolean epochLock) {
        StringBuilder shared = new StringBuilder();
        StringBuilder ex = new StringBuilder();
        for (int a = 0; a < c.actorCount(); a++) {
            Seamcall held = heldCall(c, s, a);
            if (held == null) {
                continue;
            }
            Row r = row(held);
            LockMode m = epochLock ? r.epoch() : (heldInZeroStep(c, s, a) && held == Seamcall.VP_ENTER
                    ? r.treeInZeroStep() : r.tree());
            StringBuilder sb = m == LockMode.SHARED ? shared : m == LockMode.EXCLUSIVE ? ex : null;
            if (sb != null) {
                sb.append(sb.length() == 0 ? "" : ",").append(c.actorName(a));
            }
        }
        if (ex.length() > 0) {
            return "ex " + ex + (shared.length() > 0 ? " + shared " + shared : "");
        }
        return shared.length() > 0 ? "shared " + shared : "-";
    }

    /** Owner label of an S-EPT entry lock: "-" or "ex holder" (several holders: a lock-safety bug). */
    public static String entryOwners(TdxConfig c, long[] s, int entry) {
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < c.actorCount(); a++) {
            if (heldEntry(c, s, a) == entry) {
                sb.append(sb.length() == 0 ? "ex " : ",").append(c.actorName(a));
            }
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }
}
