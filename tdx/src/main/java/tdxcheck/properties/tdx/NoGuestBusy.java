package tdxcheck.properties.tdx;

import tdxcheck.model.tdx.TdxWords;
import tdxcheck.core.property.StateInvariant;

/** no-guest-busy: the guest never sees BUSY from TDG.MEM.PAGE.ACCEPT (a Linux guest panics, tdx-facts §5). */
public final class NoGuestBusy implements StateInvariant {
    public static final String ID = "no-guest-busy";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the guest never sees BUSY from TDG.MEM.PAGE.ACCEPT (a Linux guest panics on it)";
    }

    @Override
    public boolean holds(long[] s) {
        return !TdxWords.guestPanicked(s);
    }
}
