package tdxcheck.core.catalog;

import java.util.List;
import tdxcheck.core.spi.ModelException;

/**
 * One policy axis of a family (for TDX: the fault retry and the zap retry policy), declared once:
 * the option {@code --name}, the suite key {@code name}, the key {@code jsonKey} of the result
 * JSON's policy object and {@code list} all come from it.
 */
public record AxisSpec(String name, String jsonKey, String doc, List<Described> values) {
    public AxisSpec {
        values = List.copyOf(values);
    }

    public String option() {
        return "--" + name;
    }

    /** The value id, checked; a one-line ModelException naming the valid ones. */
    public String check(String id) {
        for (Described d : values) {
            if (d.id().equals(id)) {
                return id;
            }
        }
        throw new ModelException("unknown " + doc + " '" + id + "' (known: "
                + String.join(", ", values.stream().map(Described::id).toList()) + ")");
    }
}
