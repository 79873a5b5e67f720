package tdxcheck.properties.tdx;

import tdxcheck.core.property.StateInvariant;
import tdxcheck.model.tdx.TdxWords;

/**
 * no-misdecoded-exit: KVM reads a VMX exit reason only out of a TDH.VP.ENTER return that has one
 * (SUCCESS or NON_RECOVERABLE), so no error or BUSY status is handled as an exit and none
 * synthesises an NMI (tdx-facts §7e; Sean Christopherson on v19 078/130, 15 Mar 2024: "the exit
 * reason should be processed if and only if KVM *knows* there was a sane VM-Exit"). The
 * counterexample's last step names the status, its value and what it was read as.
 */
public final class NoMisdecodedExit implements StateInvariant {
    public static final String ID = "no-misdecoded-exit";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "only SUCCESS/NON_RECOVERABLE TDH.VP.ENTER returns are decoded as exit reasons (no error"
                + " or BUSY is handled as an exit, none synthesises an NMI)";
    }

    @Override
    public boolean holds(long[] s) {
        return !TdxWords.misdecoded(s);
    }
}
