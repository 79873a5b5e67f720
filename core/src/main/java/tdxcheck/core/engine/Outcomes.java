package tdxcheck.core.engine;

import java.util.ArrayList;
import java.util.List;
import tdxcheck.core.spi.Model;
import tdxcheck.core.property.LivenessProperty;
import tdxcheck.core.property.Property;

/**
 * The verdict of every property after the search: VIOLATED with a concrete counterexample (built
 * by {@link TraceBuilder} from the parent pointers) when a violation was recorded, else
 * INCONCLUSIVE with the bound named when a bound was hit, else HOLDS. Liveness properties stay
 * INCONCLUSIVE here: the liveness checker decides them on the kept graph.
 */
final class Outcomes {
    private Outcomes() {
    }

    /**
     * @param boundReason  the bounds hit, or null
     * @param allViolated  whether the search stopped early because every checked property was violated
     */
    static List<PropertyOutcome> of(SearchRun run, String boundReason, boolean allViolated) {
        Model model = run.model;
        List<Property> properties = run.properties.all;
        ViolationLog v = run.violations.merged;
        boolean collectAll = run.plan.collectAll();
        List<PropertyOutcome> out = new ArrayList<>(properties.size());
        for (int p = 0; p < properties.size(); p++) {
            Property prop = properties.get(p);
            if (prop instanceof LivenessProperty) {
                out.add(new PropertyOutcome(prop, false, Verdict.INCONCLUSIVE,
                        "liveness is decided by the liveness checker, not by the safety search", 0, null));
            } else if (v.count[p] > 0) {
                Trace t = TraceBuilder.build(model, run.plan.symmetry(), run.explored.parent, run.explored.action,
                        v.state[p], v.action[p], v.words[p], prop.kind());
                long n = collectAll ? v.count[p] : 1;
                out.add(new PropertyOutcome(prop, true, Verdict.VIOLATED, Summary.of(model, prop, t), n, t));
            } else if (boundReason != null) {
                out.add(new PropertyOutcome(prop, true, Verdict.INCONCLUSIVE, boundReason, 0, null));
            } else if (allViolated) {
                throw new IllegalStateException("search stopped early but " + prop.id() + " is not violated");
            } else {
                out.add(new PropertyOutcome(prop, true, Verdict.HOLDS, "", 0, null));
            }
        }
        return out;
    }
}
