package tdxcheck.model.tdx;

import static tdxcheck.model.tdx.LockMode.EXCLUSIVE;
import static tdxcheck.model.tdx.LockMode.NONE;
import static tdxcheck.model.tdx.LockMode.SHARED;

import java.util.List;

/**
 * The TDX module's lock table, written out once as a literal: for each SEAMCALL, the mode in
 * which it takes the TDCS epoch lock and secure_ept_lock (outside and inside zero-step mode) and
 * whether it takes the S-EPT entry lock of its target. {@link TdEpochLock}, {@link SecureEptLock}
 * and {@link SeptEntryLock} read their column from here; who holds which lock in a state is
 * derived in {@link LockHolders}.
 *
 * <p>Source: the lock report of TDX module 1.5.05 by Yan Zhao on kvm@vger.kernel.org, "Re: [PATCH
 * 09/21] KVM: TDX: Retry seamcall when TDX_OPERAND_BUSY with operand SEPT" (13 Sep 2024, message
 * ZuP5eNXFCljzRgWo, and its 14 Sep 2024 follow-up with the table "(5) TDCS epoch, (6)
 * secure_ept_lock, (7) SEPT entry"), checked against the intel/tdx-module sources named per row
 * (tdx-facts §2). The TDR/TDVPR PAMT and op_state locks are shared-only at runtime and never
 * contend (same report), so they have no column.
 */
public final class LockTable {

    /** One row: a SEAMCALL and how it takes each lock, in the module's acquisition order. */
    public record Row(Seamcall call, LockMode epoch, LockMode tree, LockMode treeInZeroStep, boolean entry) {
    }

    /** The table, one row per SEAMCALL, in {@link Seamcall} order. */
    public static final List<Row> ROWS = List.of(
            //      SEAMCALL                        epoch      tree       tree in 0-step  entry
            // src/td_transitions/tdh_vp_enter.c: epoch_lock shared, momentarily, to bump
            // refcount[epoch]; secure_ept_lock EX only while the EPF list is non-empty (zero-step,
            // tdx-facts §1-§2, 14 Sep 2024 table rows 5-6); no S-EPT entry.
            new Row(Seamcall.VP_ENTER,        SHARED,    NONE,      EXCLUSIVE,      false),
            // src/vmm_dispatcher/api_calls/tdh_mem_track.c: epoch_lock EX to advance the epoch
            // (tdx-facts §2, table row 5); no tree, no entry (RCX is the TDR).
            new Row(Seamcall.MEM_TRACK,       EXCLUSIVE, NONE,      NONE,           false),
            // tdh_mem_sept_add.c: tree shared, then the parent entry's lock (tdx-facts §2, rows 6-7).
            new Row(Seamcall.MEM_SEPT_ADD,    NONE,      SHARED,    SHARED,         true),
            // tdh_mem_page_aug.c: tree shared, then the leaf entry's lock (tdx-facts §2, rows 6-7).
            new Row(Seamcall.MEM_PAGE_AUG,    NONE,      SHARED,    SHARED,         true),
            // tdh_mem_page_remove.c: tree shared, then the entry's lock (tdx-facts §2, rows 6-7).
            new Row(Seamcall.MEM_PAGE_REMOVE, NONE,      SHARED,    SHARED,         true),
            // tdh_mem_range_block.c: tree EX, then the entry's lock (tdx-facts §2, rows 6-7).
            new Row(Seamcall.MEM_RANGE_BLOCK, NONE,      EXCLUSIVE, EXCLUSIVE,      true),
            // tdh_mem_range_unblock.c: tree EX, then the entry's lock (tdx-facts §2, rows 6-7).
            new Row(Seamcall.MEM_RANGE_UNBLOCK, NONE,    EXCLUSIVE, EXCLUSIVE,      true),
            // tdh_mem_sept_remove.c: tree EX, then the entry's lock (tdx-facts §2, rows 6-7).
            new Row(Seamcall.MEM_SEPT_REMOVE, NONE,      EXCLUSIVE, EXCLUSIVE,      true),
            // src/td_dispatcher/vm_exits/tdg_mem_page_accept.c: lockless walk, then the entry's
            // lock guest-side only; no tree lock (tdx-facts §2, table row 7).
            new Row(Seamcall.MEM_PAGE_ACCEPT, NONE,      NONE,      NONE,           true),
            // tdh_mem_page_demote.c (1.5.01 @72d8cff; same order in 2.0.12): tree shared (via
            // lock_sept_check_and_walk_private_gpa), then the 2M leaf entry's host lock (BUSY|RCX)
            // (tdx-facts §7a.1). Its PAMT locks (EX on the new S-EPT page, R8, and on the 2M range in
            // pamt_demote) have no column: no other actor of this family touches those PAMT entries;
            // the dpamt family models PAMT contention.
            new Row(Seamcall.MEM_PAGE_DEMOTE, NONE,      SHARED,    SHARED,         true));

    /** Entry id of the shared non-leaf S-EPT entry (leaf entries are GPA indices 0..3). */
    public static final int PDE = TdxWords.MAX_GPAS;

    static {
        for (int i = 0; i < ROWS.size(); i++) {
            if (ROWS.get(i).call().ordinal() != i || ROWS.size() != Seamcall.values().length) {
                throw new ExceptionInInitializerError("LockTable.ROWS must list every Seamcall in order");
            }
        }
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
        if (TdEpochLock.mode(acquiring).conflictsWith(TdEpochLock.mode(held))) {
            return TdEpochLock.BUSY;
        }
        if (SecureEptLock.mode(acquiring, acqZeroStep).conflictsWith(SecureEptLock.mode(held, heldZeroStep))) {
            return SecureEptLock.BUSY;
        }
        if (sameEntry && SeptEntryLock.taken(acquiring) && SeptEntryLock.taken(held)) {
            return SeptEntryLock.BUSY;
        }
        return Outcome.LOCKS_TAKEN;
    }

    /**
     * Try to take the locks of {@code call} for {@code self} against every other holder in
     * {@code s} ({@link LockHolders#of}): BUSY with the operand of the first lock (module order)
     * that fails, else {@link Outcome#LOCKS_TAKEN}. Host priority is applied by the caller. No
     * allocation: {@link #contend} is looked up in {@link #RANK}, a table built from it.
     */
    public static Outcome tryAcquire(TdxConfig c, long[] s, int self, Seamcall call, boolean zeroStep, int entry) {
        int acquiring = call.ordinal() * 2 + (zeroStep ? 1 : 0);
        int worst = NO_CONFLICT;
        // e.g. TDH.VP.ENTER outside zero-step mode: no call a vCPU thread or guest can hold conflicts with it
        int first = MAY_CONFLICT_WITH_VCPUS[acquiring] ? 0 : 2 * c.vcpus();
        int actors = c.actorCount();
        for (int a = first; a < actors; a++) {
            int h = a == self ? LockHolders.NONE : LockHolders.of(c, s, a);
            if (h != LockHolders.NONE) {
                worst = Math.min(worst, rank(LockHolders.callIndex(h), LockHolders.zeroStep(h), acquiring,
                        entry >= 0 && LockHolders.entry(h) == entry));
            }
        }
        return RANK_OUTCOME[worst];
    }

    // ---- the lookup tables of tryAcquire, all derived from contend ----

    private static final int CALLS = Seamcall.values().length;
    /** Rank of "no conflict": larger than every conflict, so min() keeps the earliest lock. */
    private static final int NO_CONFLICT = 3;
    /** Rank to outcome: 0 epoch, 1 tree, 2 entry (the module's order), 3 none. */
    private static final Outcome[] RANK_OUTCOME = {TdEpochLock.BUSY, SecureEptLock.BUSY, SeptEntryLock.BUSY,
        Outcome.LOCKS_TAKEN};
    /** {@link #contend} as a rank, indexed by held call, held-in-zero-step, acquiring call and zero-step, same entry. */
    private static final byte[] RANK = buildRank();
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
                            int r = 0;
                            while (r < NO_CONFLICT && RANK_OUTCOME[r] != o) {
                                r++;
                            }
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
            for (Seamcall held : Seamcall.values()) {
                for (int hz = 0; LockHolders.vcpuSideMayHold(held) && hz < 2; hz++) {
                    for (int same = 0; same < 2; same++) {
                        t[acquiring] |= rank(held.ordinal(), hz == 1, acquiring, same == 1) != NO_CONFLICT;
                    }
                }
            }
        }
        return t;
    }
}
