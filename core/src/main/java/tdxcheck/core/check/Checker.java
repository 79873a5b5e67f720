package tdxcheck.core.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.engine.Memory;
import tdxcheck.core.engine.PropertyOutcome;
import tdxcheck.core.engine.Replayer;
import tdxcheck.core.engine.Search;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.engine.SearchResult;
import tdxcheck.core.engine.SearchStats;
import tdxcheck.core.engine.Trace;
import tdxcheck.core.engine.Verdict;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.liveness.FairnessPlan;
import tdxcheck.core.liveness.Lasso;
import tdxcheck.core.liveness.LivenessChecker;
import tdxcheck.core.liveness.LivenessResult;
import tdxcheck.core.liveness.MomentaryWindows;
import tdxcheck.core.liveness.QuotientLivenessChecker;
import tdxcheck.core.liveness.StateGraph;
import tdxcheck.core.liveness.StateGraphBuilder;
import tdxcheck.core.liveness.SuccessMarking;
import tdxcheck.core.property.LivenessProperty;
import tdxcheck.core.property.Property;
import tdxcheck.core.property.PropertyKind;
import tdxcheck.core.spi.Model;

/**
 * Checks one target: one exhaustive search decides the safety properties; when a liveness
 * property is asked, the same search keeps the state graph (single thread) and a liveness checker
 * looks for a fair cycle in it. With symmetry reduction (when the model tracks its permutations
 * and the property can rename its operations) the graph is the symmetry quotient and
 * {@link QuotientLivenessChecker} decides it; otherwise the graph is concrete and
 * {@link LivenessChecker} does. Either way the lasso is a real path, replayed here. A liveness
 * verdict needs the whole graph, so any bound makes it INCONCLUSIVE, never HOLDS.
 *
 * <p>The liveness property is decided under every fairness of a {@link FairnessPlan}, the first
 * giving the verdict. Fairness hw explores the model a second time, wrapped in
 * {@link MomentaryWindows} with success edges marked ({@link SuccessMarking}); the safety
 * properties come from the plain search.
 */
public final class Checker {
    private Checker() {
    }

    public static CheckResult check(CheckTarget target, SearchConfig config, Fairness fairness) {
        return check(target, config, FairnessPlan.of(fairness));
    }

    public static CheckResult check(CheckTarget target, SearchConfig config, FairnessPlan plan) {
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
        boolean plainGraph = plan.modes().stream().anyMatch(f -> f != Fairness.HW);
        StateGraphBuilder graph = plainGraph ? new StateGraphBuilder(model.actorCount(), model.initialStateCount())
                : null;
        SearchResult r = Search.run(model, target.properties(),
                plainGraph ? config.toBuilder().graph(graph, live).build() : config);
        long[] graphBytes = {0, 0, 0}; // the largest kept graph: its bytes, states, and its search's store
        Map<Fairness, FairnessOutcome> byMode = new EnumMap<>(Fairness.class);
        // the liveness phase can outlast the search: a timer reports which part of it runs
        try (LivenessProgress progress = new LivenessProgress(config.listeners(), config.progressIntervalMillis())) {
            progress.phase("building the graph of " + r.stats().distinctStates() + " states");
            StateGraph g = plainGraph && r.exhausted() ? graph.build() : null;
            if (g != null) {
                keepLarger(graphBytes, g.memoryBytes(), r.stats());
            }
            for (Fairness f : plan.modes()) {
                long t0 = System.nanoTime();
                if (f == Fairness.HW) {
                    progress.phase("fair-cycle search (hw fairness: the model with momentary windows)");
                    byMode.put(f, hwLiveness(model, live, config, plan.windowSteps(), graphBytes));
                } else if (g == null) {
                    byMode.put(f, inconclusive(f, "liveness needs the whole state graph; " + r.boundReason(),
                            r.stats().distinctStates(), r.stats().seconds()));
                } else {
                    progress.phase("fair-cycle search on " + g.nodeCount() + " nodes, " + g.edgeCount() + " edges ("
                            + f.id() + " fairness)");
                    byMode.put(f, liveness(model, model, live, g, f, r.stats().symmetry(), r.stats().distinctStates(),
                            r.stats().seconds() + (System.nanoTime() - t0) / 1e9));
                }
            }
        } catch (OutOfMemoryError e) {
            // the graph goes with the try block; the safety verdicts of the search stand
            for (Fairness f : plan.modes()) {
                byMode.putIfAbsent(f, inconclusive(f, "liveness check " + Memory.outOfMemoryReason(),
                        r.stats().distinctStates(), r.stats().seconds()));
            }
        }
        return new CheckResult(target, r, fromSearch(r, live, combine(live, plan, byMode)), graphBytes[0],
                graphBytes[1], graphBytes[2]);
    }

    private static List<PropertyVerdict> fromSearch(SearchResult r, Property decidedFor, PropertyVerdict decided) {
        List<PropertyVerdict> l = new ArrayList<>();
        for (PropertyOutcome o : r.outcomes()) {
            l.add(o.property() == decidedFor ? decided : new PropertyVerdict(o.property(), o.verdict(), o.reason(),
                    o.violations(), o.counterexample(), null));
        }
        return l;
    }

    private static FairnessOutcome inconclusive(Fairness f, String reason, long states, double seconds) {
        return new FairnessOutcome(f, Verdict.INCONCLUSIVE, null, reason, 0, null, null, states, seconds);
    }

    /** Records a kept graph of {@code bytes} built by a search of {@code st} if it and its store outweigh the one recorded. */
    private static void keepLarger(long[] graph, long bytes, SearchStats st) {
        if (bytes + st.storeBytes() > graph[0] + graph[2]) {
            graph[0] = bytes;
            graph[1] = st.distinctStates();
            graph[2] = st.storeBytes();
        }
    }

    /** The hw search: the model with its momentary windows bounded, success edges marked. */
    private static FairnessOutcome hwLiveness(Model model, LivenessProperty live, SearchConfig config,
                                              int windowSteps, long[] graphBytes) {
        Model hw = model.hasMomentaryWindows() ? new MomentaryWindows(model, windowSteps) : model;
        SuccessMarking marked = new SuccessMarking(live, hw);
        StateGraphBuilder graph = new StateGraphBuilder(hw.actorCount(), hw.initialStateCount());
        SearchResult r = Search.run(hw, List.of(marked), config.toBuilder().graph(graph, marked).build());
        long t0 = System.nanoTime();
        if (!r.exhausted()) {
            return inconclusive(Fairness.HW, "liveness needs the whole state graph; " + r.boundReason(),
                    r.stats().distinctStates(), r.stats().seconds());
        }
        StateGraph g = graph.build();
        keepLarger(graphBytes, g.memoryBytes(), r.stats());
        return liveness(model, hw, marked, g, Fairness.HW, r.stats().symmetry(), r.stats().distinctStates(),
                r.stats().seconds() + (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Decides {@code live} on {@code g} (a graph of {@code searched}: the model, or for hw its
     * window wrapper) and replays the lasso through {@code model}.
     */
    private static FairnessOutcome liveness(Model model, Model searched, LivenessProperty live, StateGraph g,
                                            Fairness fairness, boolean quotient, long states, double seconds) {
        LivenessResult res = quotient
                ? QuotientLivenessChecker.check(g, symmetry(searched, live), fairness, live.operationCount())
                : LivenessChecker.check(g, fairness, live.operationCount());
        if (res.holds()) {
            return new FairnessOutcome(fairness, Verdict.HOLDS, null, "", 0, null, null, states, seconds);
        }
        int op = res.counterexampleOperation().getAsInt();
        Lasso lasso = res.counterexample().get();
        Trace t = concrete(model, lasso, g.initialStateIndex(lasso.node(0)));
        List<String> names = new ArrayList<>();
        for (int o : res.violatedOperations()) {
            names.add(live.operationName(o));
        }
        Lasso found = res.unminimised(op).orElse(lasso);
        // the cycle is named one way everywhere: "cycle k+1-n", its step range in the trace
        int steps = lasso.loopBackIndex() + lasso.cycleLength();
        String summary = live.operationName(op) + " never completes: cycle " + (lasso.loopBackIndex() + 1) + "-" + steps
                + " repeats forever " + fairnessWords(fairness) + " (violated for: " + String.join(", ", names) + ")"
                + (found.equals(lasso) ? "" : "; lasso minimised from " + found.stepCount() + " steps (a cycle of "
                + found.cycleLength() + ")");
        return new FairnessOutcome(fairness, Verdict.VIOLATED, null, summary, res.violatedOperations().length, t,
                lasso.loopBackIndex(), states, seconds);
    }

    /**
     * The property verdict: the outcome under the plan's first fairness, every outcome in
     * {@code byFairness}, and the class of each violation: robust when hw finds it, adversarial
     * when hw was decided and holds; unknown otherwise.
     */
    private static PropertyVerdict combine(LivenessProperty live, FairnessPlan plan,
                                           Map<Fairness, FairnessOutcome> byMode) {
        FairnessOutcome hw = byMode.get(Fairness.HW);
        List<FairnessOutcome> all = new ArrayList<>();
        for (Fairness f : plan.modes()) {
            FairnessOutcome m = byMode.get(f);
            all.add(m.classed(livelockClass(m.verdict(), hw == null ? null : hw.verdict())));
        }
        FairnessOutcome p = all.get(0);
        return new PropertyVerdict(live, p.verdict(), p.reason(), p.violations(), p.trace(), p.loopBackIndex(),
                p.fairness(), p.livelockClass(), all);
    }

    /** robust / adversarial for a violation, null when not violated or hw was not decided. */
    static LivelockClass livelockClass(Verdict v, Verdict hw) {
        if (v != Verdict.VIOLATED || hw == null) {
            return null;
        }
        if (hw == Verdict.VIOLATED) {
            return LivelockClass.ROBUST;
        }
        return hw == Verdict.HOLDS ? LivelockClass.ADVERSARIAL : null;
    }

    /** "under weak fairness", "under strong fairness", "with no fairness assumed". */
    static String fairnessWords(Fairness f) {
        return switch (f) {
            case HW -> "under hw fairness";
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
