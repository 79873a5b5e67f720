package tdxcheck.properties.tdx;

import java.util.ArrayList;
import java.util.List;
import tdxcheck.core.spi.ModelException;
import tdxcheck.model.tdx.TdxConfig;
import tdxcheck.core.property.DeadlockFreedom;
import tdxcheck.core.property.Property;

/** The named TDX/KVM properties (ids are part of the CLI and JSON contract, design.md). */
public final class TdxProperties {
    /** Report order. */
    public static final List<String> IDS = List.of(NoZeroStep.ID, NoBusyLivelock.ID, DeadlockFreedom.ID,
            NoKvmBug.ID, NoGuestBusy.ID, NoVmDead.ID, LockSafety.ID, NoMisdecodedExit.ID);

    private TdxProperties() {
    }

    public static Property create(String id, TdxConfig c) {
        return switch (id) {
            case NoZeroStep.ID -> new NoZeroStep(c);
            case NoBusyLivelock.ID -> new NoBusyLivelock(c);
            case DeadlockFreedom.ID -> DeadlockFreedom.standard();
            case NoKvmBug.ID -> new NoKvmBug();
            case NoGuestBusy.ID -> new NoGuestBusy();
            case NoVmDead.ID -> new NoVmDead();
            case LockSafety.ID -> new LockSafety(c);
            case NoMisdecodedExit.ID -> new NoMisdecodedExit();
            default -> throw new ModelException("unknown property '" + id + "' (known: " + String.join(", ", IDS) + ")");
        };
    }

    /** The safety properties (everything but liveness), in report order. */
    public static List<Property> safety(TdxConfig c) {
        List<Property> l = new ArrayList<>();
        for (String id : IDS) {
            if (!id.equals(NoBusyLivelock.ID)) {
                l.add(create(id, c));
            }
        }
        return l;
    }

    public static List<Property> all(TdxConfig c) {
        List<Property> l = new ArrayList<>();
        for (String id : IDS) {
            l.add(create(id, c));
        }
        return l;
    }
}
