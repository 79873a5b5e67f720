package tdxcheck.core.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/** A named policy: one value per axis of the family ({@code choices}: axis name -> value id). */
public record Preset(String id, String description, Map<String, String> choices) {
    public Preset {
        choices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(choices));
    }
}
