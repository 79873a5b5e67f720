package tdxcheck.core.catalog;

import java.util.List;
import tdxcheck.core.spi.Model;
import tdxcheck.core.property.Property;

/** What the engine checks: a model instance and the properties bound to it, in report order. */
public record CheckTarget(Model model, List<Property> properties) {
    public CheckTarget {
        properties = List.copyOf(properties);
    }
}
