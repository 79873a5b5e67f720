package tdxcheck.tdbuild.property;

import java.util.List;
import tdxcheck.core.property.DeadlockFreedom;
import tdxcheck.core.property.Property;
import tdxcheck.tdbuild.BuildModel;

/** The family's properties, in report order. */
public final class BuildProperties {
    private BuildProperties() {
    }

    public static List<Property> all(BuildModel m) {
        return List.of(new NoKvmBug(m), new NoBusyEio(m), new NoBuildAfterFinalize(m),
                new DeadlockFreedom(DeadlockFreedom.ID,
                        "no state where kvm->lock, the vcpu mutexes, slots_lock and mmu_lock leave an ioctl stuck"));
    }
}
