package tdxcheck.properties.tdx;

import tdxcheck.model.tdx.TdxConfig;
import tdxcheck.model.tdx.TdxWords;
import tdxcheck.core.property.TransitionCheck;

/**
 * no-zero-step: no vCPU ever enters zero-step mode, i.e. no step turns a vCPU's recorded-GPA
 * list from empty to non-empty ("KVM _never_ triggers zero-step", Sean, tdx-facts §3). A
 * transition check, so a scenario that starts a vCPU in zero-step mode is judged on new triggers.
 */
public final class NoZeroStep implements TransitionCheck {
    public static final String ID = "no-zero-step";
    private final TdxConfig c;

    public NoZeroStep(TdxConfig c) {
        this.c = c;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "no vCPU ever reaches zero-step mode (its EPF GPA list becomes non-empty)";
    }

    @Override
    public boolean allowed(long[] before, int action, long[] after) {
        // After symmetry canonicalisation vCPU records may be permuted: compare how many vCPUs are in the mode.
        return !TdxWords.anyZeroStepMode(after, c.vcpus()) || count(after) <= count(before);
    }

    private int count(long[] s) {
        return TdxWords.zeroStepModeCount(s, c.vcpus());
    }
}
