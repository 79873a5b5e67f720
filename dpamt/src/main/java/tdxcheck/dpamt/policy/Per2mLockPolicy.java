package tdxcheck.dpamt.policy;

/**
 * The lighter alternative: one spinlock per 2M range, so transitions of different ranges run in
 * parallel.
 */
public final class Per2mLockPolicy implements PamtPolicy {
    @Override
    public String id() {
        return "per-2m-lock";
    }

    @Override
    public String description() {
        return "a spinlock per 2M range around its 0->1 / 1->0 check and PAMT.ADD/REMOVE";
    }

    @Override
    public int spinlock(int range) {
        return range;
    }
}
