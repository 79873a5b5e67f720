package tdxcheck.core.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/** A named policy: one value per axis of the family ({@code choices}: axis name -> value id). */
public record Preset(String id, String description, Map<String, String> choices) {
    public Preset {
        choices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(choices));
    }

    /** For a family with one policy axis: one preset per value, named and described as the value. */
    public static java.util.List<Preset> perValue(AxisSpec axis) {
        return axis.values().stream().map(v -> new Preset(v.id(), v.description(), Map.of(axis.name(), v.id())))
                .toList();
    }
}
