package tdxcheck.tdxenable.property;

import tdxcheck.core.property.StateInvariant;
import tdxcheck.tdxenable.EnableModel;
import tdxcheck.tdxenable.EnableWords;

/**
 * The last CPU of a package cannot go offline while HKIDs are configured: TD teardown must run
 * TDH.PHYMEM.CACHE.WB and TDH.MNG.KEY.FREEID on every package (tdx-facts §7d.3; v19 041/130
 * &lt;15d4d08cf1fe16777f8f8d84ee940e41afbad406.1708933498.git.isaku.yamahata@intel.com&gt;).
 */
public record HkidPackageOffline(EnableModel model) implements StateInvariant {
    public static final String ID = "no-hkid-package-offline";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "while HKIDs are configured, every package keeps an online CPU";
    }

    @Override
    public boolean holds(long[] s) {
        return !EnableWords.hkids(s) || model.everyPackageOnline(s);
    }
}
