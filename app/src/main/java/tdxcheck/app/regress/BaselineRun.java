package tdxcheck.app.regress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tdxcheck.app.check.Reasons;
import tdxcheck.core.catalog.PolicySpec;
import tdxcheck.core.catalog.ScenarioParams;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

/**
 * One scenario x policy x params of the baseline: the distinct-state count of its exhaustive
 * search and the verdict of every property with its one-line reason ({@link Reasons}).
 * {@code policy.preset()} is the preset whose axes these are, or null.
 */
public record BaselineRun(String scenario, PolicySpec policy, ScenarioParams params, long distinctStates,
                          Map<String, Entry> verdicts) {
    /** One pinned verdict. */
    public record Entry(Verdict verdict, String reason) {
    }

    public BaselineRun {
        verdicts = new TreeMap<>(verdicts);
    }

    /** The pinned form of a run. */
    public static BaselineRun of(Run run, PolicySpec policy, ScenarioParams params) {
        Map<String, Entry> v = new TreeMap<>();
        for (PropertyResult pr : run.results()) {
            v.put(pr.property(), new Entry(pr.verdict(), Reasons.of(run, pr)));
        }
        return new BaselineRun(run.scenario(), policy, params, run.stats().distinctStates(), v);
    }

    /** What identifies the run (the preset label is only a name for the axes). */
    public String key() {
        return scenario + "|" + policy.faultRetry() + "|" + policy.zapRetry() + "|" + params;
    }

    /** Property ids, sorted. */
    public List<String> properties() {
        return new ArrayList<>(verdicts.keySet());
    }
}
