package tdxcheck.core.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.engine.PropertyOutcome;
import tdxcheck.core.engine.Replayer;
import tdxcheck.core.engine.Search;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.engine.SearchResult;
import tdxcheck.core.engine.Trace;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.liveness.Lasso;
import tdxcheck.core.liveness.LivenessChecker;
import tdxcheck.core.liveness.LivenessResult;
import tdxcheck.core.liveness.QuotientLivenessChecker;
import tdxcheck.core.liveness.StateGraph;
import tdxcheck.core.liveness.StateGraphBuilder;
import tdxcheck.core.property.LivenessProperty;
import tdxcheck.core.property.Property;
import tdxcheck.core.property.PropertyKind;
import tdxcheck.core.spi.Model;
import tdxcheck.core.engine.Verdict;

/**
 * Checks one target: one exhaustive search decides the safety properties; when a liveness
 * property is asked, the same search keeps the state graph (single thread) and a liveness checker
 * looks for a fair cycle in it. With symmetry reduction (when the model tracks its permutations
 * and the property can rename its operations) the graph is the symmetry quotient and
 * {@link QuotientLivenessChecker} decides it; otherwise the graph is concrete and
 * {@link LivenessChecker} does. Either way the lasso is a real path, replayed here. A liveness
 * verdict needs the whole graph, so any bound makes it INCONCLUSIVE, never HOLDS.
 */
public final class Checker {
    private Checker() {
    }

    public static CheckResult check(CheckTarget target, SearchConfig config, Fairness fairness) {
        Model model = target.model();
        LivenessProperty live = null;
        for (Property p : target.properties()) {
            if (p instanceof LivenessProperty lp) {
                if (live != null) {
                    throw new IllegalArgumentException("at most one liveness property per run");
                }
                live = lp;
            }
        }
        if (live == null) {
            SearchResult r = Search.run(model, target.properties(), config);
            return new CheckResult(target, r, fromSearch(r, null, null), 0);
        }
        StateGraphBuilder graph = new StateGraphBuilder(model.actorCount(), model.initialStateCount());
        SearchResult r = Search.run(model, target.properties(), config.toBuilder().graph(graph, live).build());
        PropertyVerdict decided;
        long graphBytes = 0;
        if (!r.exhausted()) {
            decided = new PropertyVerdict(live, Verdict.INCONCLUSIVE,
                    "liveness needs the whole state graph; " + r.boundReason(), 0, null, null);
        } else {
            StateGraph g = graph.build();
            graphBytes = g.memoryBytes();
            decided = liveness(model, live, g, fairness, r.stats().symmetry());
        }
        return new CheckResult(target, r, fromSearch(r, live, decided), graphBytes);
    }

    private static List<PropertyVerdict> fromSearch(SearchResult r, Property decidedFor, PropertyVerdict decided) {
        List<PropertyVerdict> l = new ArrayList<>();
        for (PropertyOutcome o : r.outcomes()) {
            l.add(o.property() == decidedFor ? decided : new PropertyVerdict(o.property(), o.verdict(), o.reason(),
                    o.violations(), o.counterexample(), null));
        }
        return l;
    }

    private static PropertyVerdict liveness(Model model, LivenessProperty live, StateGraph g, Fairness fairness,
                                            boolean quotient) {
        LivenessResult res = quotient
                ? QuotientLivenessChecker.check(g, symmetry(model, live), fairness, live.operationCount())
                : LivenessChecker.check(g, fairness, live.operationCount());
        if (res.holds()) {
            return new PropertyVerdict(live, Verdict.HOLDS, "", 0, null, null);
        }
        int op = res.counterexampleOperation().getAsInt();
        Lasso lasso = res.counterexample().get();
        Trace t = concrete(model, lasso, g.initialStateIndex(lasso.node(0)));
        List<String> names = new ArrayList<>();
        for (int o : res.violatedOperations()) {
            names.add(live.operationName(o));
        }
        // the cycle is named one way everywhere: "cycle k+1-n", its step range in the trace
        int steps = lasso.loopBackIndex() + lasso.cycleLength();
        String summary = live.operationName(op) + " never completes: cycle " + (lasso.loopBackIndex() + 1) + "-" + steps
                + " repeats forever " + fairnessWords(fairness) + " (violated for: " + String.join(", ", names) + ")";
        return new PropertyVerdict(live, Verdict.VIOLATED, summary, res.violatedOperations().length, t,
                lasso.loopBackIndex());
    }

    /** "under weak fairness", "under strong fairness", "with no fairness assumed". */
    static String fairnessWords(Fairness f) {
        return switch (f) {
            case WEAK -> "under weak fairness";
            case STRONG -> "under strong fairness";
            case NONE -> "with no fairness assumed";
        };
    }

    /** How the model's symmetry acts on actors, actions and the property's operations. */
    public static QuotientLivenessChecker.Symmetry symmetry(Model model, LivenessProperty live) {
        return new QuotientLivenessChecker.Symmetry() {
            @Override
            public int slots() {
                return model.symmetrySlots();
            }

            @Override
            public boolean interchangeable(int a, int b) {
                return model.interchangeable(a, b);
            }

            @Override
            public int permuteActor(int actor, int p) {
                return model.permuteActor(actor, p);
            }

            @Override
            public int permuteAction(int action, int p) {
                return model.permuteAction(action, p);
            }

            @Override
            public int permuteOperation(int op, int p) {
                return live.permuteOperation(op, p);
            }
        };
    }

    /**
     * Replays the lasso's actions (real actions of the model, also after a symmetry-reduced
     * check) from initial state {@code initialIndex}, and checks that every action is enabled and
     * that the cycle closes on the same concrete state.
     */
    public static Trace concrete(Model model, Lasso lasso, int initialIndex) {
        int[] actions = lasso.actions().stream().mapToInt(Integer::intValue).toArray();
        Trace t = Replayer.trace(model, PropertyKind.LIVENESS, initialIndex, actions);
        if (!Arrays.equals(t.state(t.length()), t.state(lasso.loopBackIndex()))) {
            // an engine bug, or a model object (a policy) that keeps state outside the model state
            throw new IllegalStateException("lasso does not close on replay: the same state led to different"
                    + " successors (an engine bug, or a policy or model object keeping state outside the model state)");
        }
        return t;
    }
}
