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
            int pc = TdxWords.pc(s, actor);
            if (pc == VcpuPc.ENTER) {
                return Seamcall.VP_ENTER;
            } else if (pc == VcpuPc.ADD_HELD) {
                return Seamcall.MEM_SEPT_ADD;
            } else if (pc == VcpuPc.AUG_HELD) {
                return Seamcall.MEM_PAGE_AUG;
            }
            return null;
        } else if (actor < 2 * c.vcpus()) {
            return TdxWords.pc(s, actor - c.vcpus()) == VcpuPc.ACCEPT ? Seamcall.MEM_PAGE_ACCEPT : null;
        } else if (c.hasZap()) {
            int zpc = TdxWords.zapPc(s);
            if (zpc == ZapPc.BLOCK_HELD) {
                return Seamcall.MEM_RANGE_BLOCK;
            } else if (zpc == ZapPc.TRACK_HELD) {
                return Seamcall.MEM_TRACK;
            } else if (zpc == ZapPc.REMOVE_HELD) {
                return Seamcall.MEM_PAGE_REMOVE;
            }
        }
        return null;
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
     */
    public static Outcome tryAcquire(TdxConfig c, long[] s, int self, Seamcall call, boolean zeroStep, int entry) {
        int worst = 0; // 0 none, 1 epoch, 2 tree, 3 entry: keep the earliest in module order
        int actors = c.actorCount();
        for (int a = 0; a < actors; a++) {
            if (a == self) {
                continue;
            }
            Seamcall held = heldCall(c, s, a);
            if (held == null) {
                continue;
            }
            boolean same = entry >= 0 && heldEntry(c, s, a) == entry;
            Outcome o = contend(held, heldInZeroStep(c, s, a), call, zeroStep, same);
            int rank = o == TdEpochLock.BUSY ? 1 : o == SecureEptLock.BUSY ? 2 : o == Outcome.BUSY_RCX ? 3 : 0;
            if (rank != 0 && (worst == 0 || rank < worst)) {
                worst = rank;
            }
        }
        return switch (worst) {
            case 1 -> TdEpochLock.BUSY;
            case 2 -> SecureEptLock.BUSY;
            case 3 -> Outcome.BUSY_RCX;
            default -> Outcome.LOCKS_TAKEN;
        };
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
