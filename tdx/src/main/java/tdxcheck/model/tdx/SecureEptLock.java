package tdxcheck.model.tdx;

/**
 * secure_ept_lock, the S-EPT tree lock (sharex): SEPT.ADD, PAGE.AUG and PAGE.REMOVE take it
 * shared; RANGE.BLOCK, RANGE.UNBLOCK and SEPT.REMOVE exclusive; TDH.VP.ENTER exclusive only in
 * zero-step mode (tdx-facts §1 and §2, seed 004 row 6). A failure is TDX_OPERAND_BUSY|SEPT_TREE.
 */
public final class SecureEptLock {
    public static final String NAME = "sept_tree";
    public static final Outcome BUSY = Outcome.BUSY_SEPT_TREE;

    private SecureEptLock() {
    }

    /**
     * The mode {@code call} takes this lock in, by a vCPU in zero-step mode or not: the tree
     * columns of {@link LockTable}.
     */
    public static LockMode mode(Seamcall call, boolean zeroStepMode) {
        LockTable.Row r = LockTable.row(call);
        return zeroStepMode ? r.treeInZeroStep() : r.tree();
    }
}
