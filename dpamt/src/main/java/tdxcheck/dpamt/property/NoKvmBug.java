package tdxcheck.dpamt.property;

import tdxcheck.core.property.TransitionCheck;
import tdxcheck.dpamt.PamtModel;

/**
 * No KVM_BUG_ON: PAGE.REMOVE BUSY twice (upstream retries once after kicking the vCPUs, tdx-facts
 * §8.1/§6a), or PAGE.AUG/REMOVE on a range whose PAMT page pair is gone.
 */
public record NoKvmBug(PamtModel model) implements TransitionCheck {
    public static final String ID = "no-kvm-bug";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "no KVM_BUG_ON: PAGE.REMOVE BUSY after its one retry, or AUG/REMOVE on a range without PAMT";
    }

    @Override
    public boolean allowed(long[] before, int action, long[] after) {
        return !model.outcome(before, action).isBug();
    }
}
