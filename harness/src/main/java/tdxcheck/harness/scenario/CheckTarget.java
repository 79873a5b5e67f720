package tdxcheck.harness.scenario;

import java.util.List;
import tdxcheck.model.spi.Model;
import tdxcheck.properties.Property;

/** What the engine checks: a model instance and the properties bound to it, in report order. */
public record CheckTarget(Model model, List<Property> properties) {
    public CheckTarget {
        properties = List.copyOf(properties);
    }
}
