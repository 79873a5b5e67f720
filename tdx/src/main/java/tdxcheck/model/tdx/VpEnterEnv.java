package tdxcheck.model.tdx;

import tdxcheck.model.tdx.policy.ExitDecode;

/**
 * What TDH.VP.ENTER may return besides entering and BUSY, and how KVM decodes it (tdx-facts §7e):
 * the exit-decode policy, the error classes the module may return (a {@link VpEnterError} bit
 * mask; 0 = none, the default, so every other verdict is as without this), and whether R9
 * (intr_info) looks like an NMI on an error return (UNCONFIRMED: "I don't know whether or not that
 * can happen", seed 000; default true, the case Sean warns of).
 */
public record VpEnterEnv(ExitDecode decode, int errors, boolean errorR9Nmi) {
    public static final VpEnterEnv DEFAULT = new VpEnterEnv(ExitDecode.CLASSIFIED, 0, true);

    public VpEnterEnv {
        if (decode == null) {
            throw new tdxcheck.core.spi.ModelException("the exit decode must be set");
        }
    }

    public int errorCount() {
        return Integer.bitCount(errors);
    }

    public boolean mayReturn(VpEnterError e) {
        return (errors & (1 << e.ordinal())) != 0;
    }
}
