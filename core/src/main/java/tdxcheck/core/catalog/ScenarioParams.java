package tdxcheck.core.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scenario parameters (design.md, Scenarios). A scenario declares its defaults; the command line
 * (or a suite file) overrides them. Validation (V &gt;= 1, threshold &gt;= 1, ...) is the
 * scenario's job and fails with a one-line ModelException.
 */
public record ScenarioParams(int vcpus, int gpas, int threshold, boolean pendingEvents) {

    /** The params object of the result JSON, in contract order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vcpus", vcpus);
        m.put("gpas", gpas);
        m.put("threshold", threshold);
        m.put("pendingEvents", pendingEvents);
        return m;
    }

    public ScenarioParams withVcpus(int v) {
        return new ScenarioParams(v, gpas, threshold, pendingEvents);
    }

    public ScenarioParams withGpas(int g) {
        return new ScenarioParams(vcpus, g, threshold, pendingEvents);
    }

    public ScenarioParams withThreshold(int t) {
        return new ScenarioParams(vcpus, gpas, t, pendingEvents);
    }

    public ScenarioParams withPendingEvents(boolean p) {
        return new ScenarioParams(vcpus, gpas, threshold, p);
    }
}
