package tdxcheck.model.tdx;

/**
 * The huge-page environment of a run (tdx-facts §7a): how the page is mapped, at which level the
 * guest accepts it, the UNCONFIRMED lock of a 4K ACCEPT under a 2M leaf, and whether the module
 * has ENHANCED_DEMOTE_INTERRUPTIBILITY. Only the huge-page scenarios take other values than
 * {@link #NONE}; there the zap is KVM's split ({@code split}) instead of a removal.
 *
 * <p>While the range is mapped by a 2M leaf ({@link TdxWords#huge}), the per-GPA fields of the zap
 * GPA (S-EPT state, block epoch, host priority, entry lock) stand for the 2M leaf entry: the 4K
 * entries do not exist yet.
 *
 * @param mapping2m       ({@code --mapping 2m}) the zap GPA's 2M range starts mapped by a 2M leaf
 * @param accept2m        ({@code --accept-level 2m}) the guest ACCEPTs the 2M range, else the 4K page
 * @param accept4kLocks2m ({@code --accept-4k-locks-2m}) a 4K ACCEPT under a 2M leaf takes the 2M
 *                        entry's lock before it exits (UNCONFIRMED; default false: the module's
 *                        walk stops at the leaf above the requested level and check_tdaccept_failure
 *                        exits to the VMM, tdx-facts §7a.7)
 * @param edi             ({@code --edi}) TDX_FEATURES0 bit 51, ENHANCED_DEMOTE_INTERRUPTIBILITY: DEMOTE
 *                        does not return TDX_INTERRUPTED_RESTARTABLE (tdx-facts §7a.4)
 * @param split           the zap is KVM's split of the 2M mapping (BLOCK, TRACK + kick, PAMT get,
 *                        DEMOTE), not a removal; set by the scenario
 */
public record HugePage(boolean mapping2m, boolean accept2m, boolean accept4kLocks2m, boolean edi, boolean split) {
    /** 4K everywhere, no split: every scenario that is not a huge-page one. */
    public static final HugePage NONE = new HugePage(false, false, false, true, false);

    public static final String MAPPING = "mapping";
    public static final String ACCEPT_LEVEL = "accept-level";
    public static final String ACCEPT_4K_LOCKS_2M = "accept-4k-locks-2m";
    public static final String EDI = "edi";

    /** The module may return TDX_INTERRUPTED_RESTARTABLE from DEMOTE: only without the feature. */
    public boolean interruptible() {
        return split && !edi;
    }

    public static String level(boolean is2m) {
        return is2m ? "2m" : "4k";
    }
}
