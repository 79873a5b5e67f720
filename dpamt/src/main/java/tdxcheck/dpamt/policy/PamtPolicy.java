package tdxcheck.dpamt.policy;

/**
 * How tdx_pamt_get/put serialise the 0 -> 1 and 1 -> 0 transitions of a 2M range's refcount
 * (tdx-facts §7b.4). A policy names the spinlock that guards a range, or none; the get/put code
 * around it is the same for every policy ({@link tdxcheck.dpamt.PamtModel}): with a lock, get
 * re-checks the count under it and put takes it on the 1 -> 0 path; without one, get retries on
 * any ADD failure and put decrements with atomic_dec_and_test.
 */
public interface PamtPolicy {
    int NO_LOCK = -1;

    String id();

    String description();

    /** The spinlock (0, 1, ...) that guards range {@code range}'s transitions, or {@link #NO_LOCK}. */
    int spinlock(int range);
}
