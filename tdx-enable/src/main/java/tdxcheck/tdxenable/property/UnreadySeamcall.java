package tdxcheck.tdxenable.property;

import tdxcheck.core.property.TransitionCheck;
import tdxcheck.tdxenable.EnableModel;

/**
 * No SEAMCALL on a CPU without VMXON and TDH.SYS.LP.INIT (LP.INIT itself needs VMXON only):
 * tdx-facts §7d.1, "SEAMCALLs need VMXON on the calling CPU", and §7d.3's tdx_online_cpu WARN.
 */
public record UnreadySeamcall(EnableModel model) implements TransitionCheck {
    public static final String ID = "no-unready-seamcall";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "no SEAMCALL on a CPU without VMXON and TDH.SYS.LP.INIT (LP.INIT itself needs VMXON)";
    }

    @Override
    public boolean allowed(long[] before, int action, long[] after) {
        return model.unreadyCpu(before, action) < 0;
    }
}
