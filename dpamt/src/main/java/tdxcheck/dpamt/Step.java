package tdxcheck.dpamt;

/**
 * Where a page thread is: its pc. One round maps a 4K page and unmaps it, in KVM's order
 * (tdx-facts §7b.4; tip x86/tdx d7fe610e6a66 "KVM/TDX: Get/put PAMT pages when (un)mapping
 * private memory"): tdx_pamt_get, TDH.MEM.PAGE.AUG, TDH.MEM.PAGE.REMOVE, tdx_pamt_put. A
 * SEAMCALL is two steps: acquire (the names without _DONE) and complete.
 */
public enum Step {
    /** atomic_inc_not_zero(refcount): the lock-less fast path of get. */
    GET_FAST("tdx_pamt_get: atomic_inc_not_zero(refcount)"),
    /** spin_lock() before the 0 -> 1 check (the locked policies). */
    GET_LOCK("tdx_pamt_get: spin_lock()"),
    /** Under the lock: refcount > 0 -> take a reference; 0 -> TDH.PHYMEM.PAMT.ADD. */
    GET_CHECK("tdx_pamt_get: refcount == 0?"),
    ADD("TDH.PHYMEM.PAMT.ADD"),
    ADD_DONE("TDH.PHYMEM.PAMT.ADD"),
    /** atomic_inc(refcount) after a successful ADD (and spin_unlock()). */
    GET_INC("tdx_pamt_get: atomic_inc(refcount)"),
    AUG("TDH.MEM.PAGE.AUG"),
    AUG_DONE("TDH.MEM.PAGE.AUG"),
    REM("TDH.MEM.PAGE.REMOVE"),
    REM_DONE("TDH.MEM.PAGE.REMOVE"),
    /** The lock-less fast path of put: atomic_add_unless(-1, 1), or dec_and_test for lock-free. */
    PUT_FAST("tdx_pamt_put"),
    PUT_LOCK("tdx_pamt_put: spin_lock()"),
    /** Under the lock: atomic_dec_and_test(refcount); 1 -> 0 issues TDH.PHYMEM.PAMT.REMOVE. */
    PUT_CHECK("tdx_pamt_put: atomic_dec_and_test(refcount)"),
    PREM("TDH.PHYMEM.PAMT.REMOVE"),
    PREM_DONE("TDH.PHYMEM.PAMT.REMOVE"),
    FINISHED("done");

    private static final Step[] VALUES = values();
    private final String text;

    Step(String text) {
        this.text = text;
    }

    public static Step of(int pc) {
        return VALUES[pc];
    }

    public String text() {
        return text;
    }

    /** The step completes a SEAMCALL (its locks are held until then). */
    public boolean completes() {
        return this == ADD_DONE || this == AUG_DONE || this == REM_DONE || this == PREM_DONE;
    }

    /** The thread holds a reference on its range's refcount (from get until put decrements it). */
    public boolean ownsRef() {
        return this == AUG || this == AUG_DONE || this == REM || this == REM_DONE || this == PUT_FAST
                || this == PUT_LOCK || this == PUT_CHECK;
    }

    /** The thread holds the spinlock here (when the policy has one). */
    public boolean underSpinlock() {
        return this == GET_CHECK || this == ADD || this == ADD_DONE || this == GET_INC
                || this == PUT_CHECK || this == PREM || this == PREM_DONE;
    }

    /**
     * Between a module change and the refcount change that matches it: ADD done but not counted
     * yet, or the count dropped to 0 but PAMT.REMOVE not done yet.
     */
    public boolean inTransition() {
        return this == GET_INC || this == PREM || this == PREM_DONE;
    }
}
