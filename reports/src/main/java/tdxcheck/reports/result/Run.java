package tdxcheck.reports.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario checked under one policy: its parameters, search statistics and one result per
 * property. {@code params} keeps insertion order (vcpus, gpas, threshold, pendingEvents, ...).
 */
@JsonPropertyOrder({"scenario", "policy", "params", "stats", "results"})
public record Run(String scenario, Policy policy, Map<String, Object> params, Stats stats,
                  List<PropertyResult> results) {
    public Run {
        params = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
        results = results == null ? List.of() : List.copyOf(results);
    }

    /** The result for {@code property}, or null. */
    public PropertyResult result(String property) {
        for (PropertyResult r : results) {
            if (r.property().equals(property)) {
                return r;
            }
        }
        return null;
    }
}
