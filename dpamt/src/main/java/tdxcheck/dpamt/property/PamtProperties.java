package tdxcheck.dpamt.property;

import java.util.List;
import tdxcheck.core.property.Property;
import tdxcheck.dpamt.PamtModel;

/** The family's properties, in report order. */
public final class PamtProperties {
    private PamtProperties() {
    }

    public static List<Property> all(PamtModel m) {
        return List.of(new NoKvmBug(m), new NoBusyInPut(m), new NoPamtCollision(m), new NoPamtLeak(m),
                new NoRemoveInUse(m));
    }
}
