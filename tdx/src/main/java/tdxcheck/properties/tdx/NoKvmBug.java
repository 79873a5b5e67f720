package tdxcheck.properties.tdx;

import tdxcheck.model.tdx.TdxWords;
import tdxcheck.core.property.StateInvariant;

/** no-kvm-bug: no path reaches KVM_BUG_ON (a BUSY the zap policy cannot absorb, or a module error). */
public final class NoKvmBug implements StateInvariant {
    public static final String ID = "no-kvm-bug";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "no path reaches KVM_BUG_ON (unexpected BUSY or TDX module error in the zap path)";
    }

    @Override
    public boolean holds(long[] s) {
        return !TdxWords.bugged(s);
    }
}
