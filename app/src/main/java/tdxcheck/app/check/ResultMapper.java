package tdxcheck.app.check;

import tdxcheck.core.engine.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tdxcheck.core.catalog.PolicySpec;
import tdxcheck.core.catalog.ScenarioParams;
import tdxcheck.core.spi.Model;
import tdxcheck.core.spi.StepLabel;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.Policy;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Replay;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Stats;
import tdxcheck.reports.result.Step;

/** Turns a {@link SearchResult} into the tdxcheck-result/1 data model ({@link Run}). */
public final class ResultMapper {
    /** Field-name prefix of lock owners in {@code Model.fields}; they go to {@link Step#locks()}. */
    public static final String LOCK_PREFIX = "lock.";

    private ResultMapper() {
    }

    public static Run toRun(SearchResult r, String scenarioId, PolicySpec policy, ScenarioParams params) {
        return toRun(r, scenarioId, policy, params.toMap(), Map.of(), 0);
    }

    /**
     * @param decided    results decided elsewhere (liveness), by property id; they replace the
     *                   search's undecided outcome for that property
     * @param graphBytes memory of the kept state graph (liveness runs), else 0
     */
    public static Run toRun(SearchResult r, String scenarioId, PolicySpec policy, Map<String, Object> params,
                            Map<String, PropertyResult> decided, long graphBytes) {
        List<PropertyResult> results = new ArrayList<>();
        for (PropertyOutcome o : r.outcomes()) {
            PropertyResult d = decided.get(o.property().id());
            results.add(d != null ? d : toPropertyResult(r.model(), o));
        }
        SearchStats s = r.stats();
        Stats stats = new Stats(s.distinctStates(), s.generated(), s.maxDepth(), s.seconds(), s.statesPerSecond(),
                s.threads(), s.symmetry(), graphBytes);
        Policy p = new Policy(policy.preset(), policy.faultRetry(), policy.zapRetry());
        return new Run(scenarioId, p, params, stats, results);
    }

    public static PropertyResult toPropertyResult(Model model, PropertyOutcome o) {
        Counterexample cx = null;
        if (o.counterexample() != null) {
            cx = counterexample(model, o.property().kind().counterexampleKind(), o.reason(), o.counterexample(), null);
        }
        return new PropertyResult(o.property().id(), toVerdict(o.verdict()), o.reason(), o.violations(), cx);
    }

    /** The engine's verdict in the report's terms. */
    public static tdxcheck.reports.result.Verdict toVerdict(Verdict v) {
        return switch (v) {
            case HOLDS -> tdxcheck.reports.result.Verdict.HOLDS;
            case VIOLATED -> tdxcheck.reports.result.Verdict.VIOLATED;
            case INCONCLUSIVE -> tdxcheck.reports.result.Verdict.INCONCLUSIVE;
        };
    }

    /**
     * A counterexample from a concrete trace. {@code loopBackIndex} is null for a path, or for a
     * lasso the step the cycle returns to (0 = the initial state).
     */
    public static Counterexample counterexample(Model model, String kind, String summary, Trace t,
                                                Integer loopBackIndex) {
        Objects.requireNonNull(kind, "kind");
        List<String> actors = new ArrayList<>(model.actorCount());
        for (int a = 0; a < model.actorCount(); a++) {
            actors.add(model.actorName(a));
        }
        Map<String, String> initial = model.fields(t.state(0));
        List<Integer> replay = new ArrayList<>(t.length());
        for (int a : t.actions()) {
            replay.add(a);
        }
        return new Counterexample(kind, summary, loopBackIndex, actors, initial, steps(model, t),
                new Replay(t.initialIndex(), replay));
    }

    /** The steps of a trace: actor, action, outcome, changed fields, lock owners after the step. */
    public static List<Step> steps(Model model, Trace t) {
        List<Step> steps = new ArrayList<>(t.length());
        Map<String, String> prev = model.fields(t.state(0));
        for (int i = 0; i < t.length(); i++) {
            int a = t.action(i);
            long[] before = t.state(i);
            long[] after = t.state(i + 1);
            StepLabel label = model.describe(before, a, after);
            Map<String, String> now = model.fields(after);
            Map<String, String> changes = new LinkedHashMap<>();
            Map<String, String> locks = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : now.entrySet()) {
                if (!Objects.equals(prev.get(e.getKey()), e.getValue())) {
                    changes.put(e.getKey(), e.getValue());
                }
                if (e.getKey().startsWith(LOCK_PREFIX)) {
                    locks.put(e.getKey(), e.getValue());
                }
            }
            steps.add(new Step(i + 1, model.actorName(model.actorOf(a)), label.action(), label.outcome(), changes,
                    locks, ""));
            prev = now;
        }
        return steps;
    }
}
