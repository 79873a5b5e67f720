package tdxcheck.dpamt.policy;

/**
 * No lock: get is atomic_inc_not_zero, else PAMT.ADD, and any ADD failure (BUSY, or
 * TDX_HPA_RANGE_NOT_FREE when another getter won) retries from the top; put is
 * atomic_dec_and_test and on 1 -> 0 PAMT.REMOVE, which cannot retry (tdx-facts §7b.4: put runs in
 * zap paths that cannot fail).
 */
public final class LockFreePolicy implements PamtPolicy {
    @Override
    public String id() {
        return "lock-free";
    }

    @Override
    public String description() {
        return "no lock: atomic refcount, get retries any PAMT.ADD failure, put cannot retry";
    }

    @Override
    public int spinlock(int range) {
        return NO_LOCK;
    }
}
