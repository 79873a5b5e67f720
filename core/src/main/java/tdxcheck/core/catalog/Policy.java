package tdxcheck.core.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's policy: the value of every axis (by axis name, in the family's axis order) and the
 * preset's id when the values are exactly a preset's (else null).
 */
public record Policy(String preset, Map<String, String> choices) {
    public Policy {
        choices = Collections.unmodifiableMap(new LinkedHashMap<>(choices));
    }

    /** "upstream", or the axis values joined with '+' when no preset matches. */
    public String label() {
        return preset != null ? preset : String.join("+", choices.values());
    }

    public String value(String axis) {
        return choices.get(axis);
    }

    /** The JSON policy object: preset first, then each axis by its JSON key. */
    public Map<String, String> toJson(List<AxisSpec> axes) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("preset", preset);
        for (AxisSpec a : axes) {
            m.put(a.jsonKey(), choices.get(a.name()));
        }
        return m;
    }
}
