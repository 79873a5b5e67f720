package tdxcheck.app.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.Scenario;

/**
 * A parameter's real defaults when no scenario is chosen, for {@code --help} and
 * {@code --print-config}: the value most scenarios take, then the exceptions
 * ({@code "2; accept-vs-remove 1"}), instead of "per scenario".
 */
public final class ScenarioDefaults {
    private ScenarioDefaults() {
    }

    public static String describe(Catalog catalog, String param) {
        Map<String, List<String>> byValue = new LinkedHashMap<>();
        for (Scenario s : catalog.scenarios()) {
            if (s.defaults().has(param)) {
                byValue.computeIfAbsent(String.valueOf(s.defaults().get(param)), k -> new ArrayList<>()).add(s.id());
            }
        }
        if (byValue.isEmpty()) {
            return "per scenario";
        }
        String common = null;
        for (Map.Entry<String, List<String>> e : byValue.entrySet()) {
            if (common == null || e.getValue().size() > byValue.get(common).size()) {
                common = e.getKey();
            }
        }
        List<String> parts = new ArrayList<>(List.of(common));
        for (Map.Entry<String, List<String>> e : byValue.entrySet()) {
            if (!e.getKey().equals(common)) {
                parts.add(String.join(", ", e.getValue()) + " " + e.getKey());
            }
        }
        return String.join("; ", parts);
    }
}
