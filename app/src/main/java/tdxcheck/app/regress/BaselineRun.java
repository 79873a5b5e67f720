package tdxcheck.app.regress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tdxcheck.app.check.Reasons;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

/**
 * One scenario x policy x params of the baseline: the distinct-state count of its exhaustive
 * search and the verdict of every property with its one-line reason ({@link Reasons}).
 * {@code policy} is the JSON policy object ("preset" first, then each axis by its JSON key, in the
 * family's order); {@code params} the JSON params object, keys sorted. Both stay as JSON values
 * here: the family's specs give them meaning ({@link Regression#specs}).
 */
public record BaselineRun(String scenario, Map<String, String> policy, Map<String, Object> params,
                          long distinctStates, Map<String, Entry> verdicts) {
    /** One pinned verdict. */
    public record Entry(Verdict verdict, String reason) {
    }

    public BaselineRun {
        verdicts = new TreeMap<>(verdicts);
        policy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(policy));
        params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /** The pinned form of a run. */
    public static BaselineRun of(Run run) {
        Map<String, Entry> v = new TreeMap<>();
        for (PropertyResult pr : run.results()) {
            v.put(pr.property(), new Entry(pr.verdict(), Reasons.of(run, pr)));
        }
        return new BaselineRun(run.scenario(), run.policy().toJson(), run.params(), run.stats().distinctStates(), v);
    }

    /** What identifies the run (the preset label is only a name for the axes). */
    public String key() {
        Map<String, String> axes = new java.util.LinkedHashMap<>(policy);
        axes.remove("preset");
        return scenario + "|" + axes + "|" + params;
    }

    /** The preset's name, or null when the axes are no preset's. */
    public String preset() {
        return policy.get("preset");
    }

    /** "upstream", or the axis values joined with '+'. */
    public String policyLabel() {
        if (preset() != null) {
            return preset();
        }
        Map<String, String> axes = new java.util.LinkedHashMap<>(policy);
        axes.remove("preset");
        return String.join("+", axes.values());
    }

    /** Property ids, sorted. */
    public List<String> properties() {
        return new ArrayList<>(verdicts.keySet());
    }
}
