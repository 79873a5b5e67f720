package tdxcheck.dpamt.property;

import tdxcheck.core.property.TransitionCheck;
import tdxcheck.dpamt.Outcome;
import tdxcheck.dpamt.PamtModel;

/**
 * TDH.PHYMEM.PAMT.REMOVE in tdx_pamt_put never returns BUSY: put runs in zap paths that cannot
 * fail, which is the stated reason for the global lock (tdx-facts §7b.4, [DPAMT-05]
 * &lt;20260526023515.288829-6-rick.p.edgecombe@intel.com&gt;).
 */
public record NoBusyInPut(PamtModel model) implements TransitionCheck {
    public static final String ID = "no-busy-in-put";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "PAMT.REMOVE in tdx_pamt_put never meets TDX_OPERAND_BUSY (put cannot fail)";
    }

    @Override
    public boolean allowed(long[] before, int action, long[] after) {
        return model.outcome(before, action) != Outcome.PUT_BUSY;
    }
}
