package tdxcheck.reports.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy of a run: the preset's name when one was used (else null), and the family's choice
 * on each policy axis, by JSON key, in the family's order. For the TDX family that is
 * {@code {"preset": ..., "faultRetry": ..., "zapRetry": ...}}; the JSON shape is the map itself.
 */
public record Policy(String preset, Map<String, String> axes) {
    public Policy {
        axes = Collections.unmodifiableMap(new LinkedHashMap<>(axes));
    }

    /** Reads the JSON object: "preset" and every other key as an axis. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Policy fromJson(Map<String, String> json) {
        Map<String, String> axes = new LinkedHashMap<>(json);
        String preset = axes.remove("preset");
        return new Policy(preset, axes);
    }

    @JsonValue
    public Map<String, String> toJson() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("preset", preset);
        m.putAll(axes);
        return m;
    }

    /** The choice on the axis with this JSON key, or null. */
    public String axis(String jsonKey) {
        return axes.get(jsonKey);
    }

    /** "upstream", or the axis values joined with '+' ("local-retry+retry-once-then-kick"). */
    public String label() {
        return preset != null ? preset : String.join("+", axes.values());
    }

    /** "fault-retry local-retry, zap-retry retry-once-then-kick": each axis as its option name. */
    public String describeAxes() {
        List<String> l = new ArrayList<>();
        for (Map.Entry<String, String> e : axes.entrySet()) {
            l.add(kebab(e.getKey()) + " " + e.getValue());
        }
        return String.join(", ", l);
    }

    private static String kebab(String camel) {
        StringBuilder b = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('-').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
