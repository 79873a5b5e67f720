package tdxcheck.tdxenable.property;

import java.util.List;
import tdxcheck.core.property.DeadlockFreedom;
import tdxcheck.core.property.Property;
import tdxcheck.tdxenable.EnableModel;

/** The family's four properties, in report order. */
public final class EnableProperties {
    private EnableProperties() {
    }

    public static List<Property> all(EnableModel m) {
        return List.of(new UnreadySeamcall(m), new OnlineWithoutLpInit(m.topology().cpus()),
                new DeadlockFreedom(DeadlockFreedom.ID,
                        "no state where cpus_read_lock, the hotplug writer and KVM's usage mutex leave an actor stuck"),
                new HkidPackageOffline(m));
    }
}
