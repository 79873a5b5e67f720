package tdxcheck.model.tdx;

/**
 * The TDCS epoch lock (sharex): TDH.VP.ENTER takes it shared, momentarily, to bump the TLB
 * tracking refcount of the current epoch; TDH.MEM.TRACK takes it exclusive to advance the epoch
 * (tdx-facts §2, seed 004 row 5). A failure is TDX_OPERAND_BUSY|TD_EPOCH.
 */
public final class TdEpochLock {
    public static final String NAME = "epoch";
    public static final Outcome BUSY = Outcome.BUSY_TD_EPOCH;

    private TdEpochLock() {
    }

    /** The mode {@code call} takes this lock in: the epoch column of {@link LockTable}. */
    public static LockMode mode(Seamcall call) {
        return LockTable.row(call).epoch();
    }
}
