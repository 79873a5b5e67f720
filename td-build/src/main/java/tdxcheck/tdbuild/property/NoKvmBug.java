package tdxcheck.tdbuild.property;

import tdxcheck.core.property.TransitionCheck;
import tdxcheck.tdbuild.BuildModel;
import tdxcheck.tdbuild.Handling;

/**
 * No build SEAMCALL's BUSY reaches a KVM_BUG_ON (tdx-facts §7c.2: VP.CREATE/ADDCX/INIT errors;
 * the report &lt;aLFiPq1smdzN3Ary@yzhao56-desk.sh.intel.com&gt;).
 */
public record NoKvmBug(BuildModel model) implements TransitionCheck {
    public static final String ID = "no-kvm-bug";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "no TDX_OPERAND_BUSY from a build SEAMCALL reaches a KVM_BUG_ON";
    }

    @Override
    public boolean allowed(long[] before, int action, long[] after) {
        return model.busyHandling(before, action) != Handling.KVM_BUG_ON;
    }
}
