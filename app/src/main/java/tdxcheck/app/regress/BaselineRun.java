package tdxcheck.app.regress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tdxcheck.app.check.Reasons;
import tdxcheck.reports.result.FairnessVerdict;
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

    /** "no-busy-livelock@hw": the verdict of a property under another fairness of the baseline. */
    public static final String FAIRNESS_SEPARATOR = "@";

    /** "exhaustive, 120 states" or "LIVENESS, cycle 8 steps: zap(gpa0) never completes [robust]". */
    private static String reason(FairnessVerdict f) {
        String r = f.reason() == null ? "" : f.reason();
        return switch (f.verdict()) {
            case HOLDS -> "exhaustive, " + f.states() + " states";
            case INCONCLUSIVE -> r;
            case VIOLATED -> "LIVENESS, cycle " + f.cycleSteps() + " steps: "
                    + (r.indexOf(':') > 0 ? r.substring(0, r.indexOf(':')) : r)
                    + (f.livelockClass() == null ? "" : " [" + f.livelockClass() + "]");
        };
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
            String reason = Reasons.of(run, pr);
            if (pr.byFairness().size() > 1 && pr.livelockClass() != null) {
                reason += " [" + pr.livelockClass() + "]";
            }
            v.put(pr.property(), new Entry(pr.verdict(), reason));
            for (int i = 1; i < pr.byFairness().size(); i++) {
                FairnessVerdict f = pr.byFairness().get(i);
                v.put(pr.property() + FAIRNESS_SEPARATOR + f.fairness(), new Entry(f.verdict(), reason(f)));
            }
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
