package tdxcheck.tdxenable.property;

import tdxcheck.core.property.StateInvariant;
import tdxcheck.tdxenable.EnableWords;

/**
 * After TDX is enabled, no CPU is online without TDH.SYS.LP.INIT (tdx-facts §7d.1: "A CPU onlined
 * after tdx_enable() would lack LP.INIT"). Checked whenever no hotplug writer holds the lock: a
 * CPU going up is online before its startup callbacks run, which is not yet a violation.
 */
public record OnlineWithoutLpInit(int cpus) implements StateInvariant {
    public static final String ID = "no-online-without-lp-init";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "after TDX is enabled, no CPU is online without TDH.SYS.LP.INIT (outside a hotplug operation)";
    }

    @Override
    public boolean holds(long[] s) {
        if (!EnableWords.tdxEnabled(s) || EnableWords.writer(s) == EnableWords.WRITER_HOLDS) {
            return true;
        }
        for (int c = 0; c < cpus; c++) {
            if (EnableWords.online(s, c) && !EnableWords.lpInit(s, c)) {
                return false;
            }
        }
        return true;
    }
}
