package tdxcheck.dpamt.policy;

/**
 * As merged (tip x86/tdx, 4 Sep 2026: eca9d4a3f1f8 "x86/virt/tdx: Handle multiple callers in
 * tdx_pamt_get/put()"; Rick Edgecombe's v6 05/11,
 * &lt;20260526023515.288829-6-rick.p.edgecombe@intel.com&gt;): one global spinlock around the
 * refcount check and the SEAMCALL, "global and heavyweight", taken so that put never sees BUSY.
 */
public final class GlobalLockPolicy implements PamtPolicy {
    @Override
    public String id() {
        return "global-lock";
    }

    @Override
    public String description() {
        return "as merged: one global spinlock around the 0->1 / 1->0 check and PAMT.ADD/REMOVE";
    }

    @Override
    public int spinlock(int range) {
        return 0;
    }
}
