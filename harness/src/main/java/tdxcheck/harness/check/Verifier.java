package tdxcheck.harness.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tdxcheck.harness.engine.Replayer;
import tdxcheck.harness.engine.ResultMapper;
import tdxcheck.harness.engine.Search;
import tdxcheck.harness.engine.SearchConfig;
import tdxcheck.harness.engine.SearchResult;
import tdxcheck.harness.engine.Trace;
import tdxcheck.harness.liveness.Fairness;
import tdxcheck.harness.liveness.FairnessPlan;
import tdxcheck.harness.liveness.MomentaryWindows;
import tdxcheck.harness.liveness.SuccessMarking;
import tdxcheck.harness.liveness.Lasso;
import tdxcheck.harness.liveness.LivenessChecker;
import tdxcheck.harness.liveness.LivenessResult;
import tdxcheck.harness.liveness.QuotientLivenessChecker;
import tdxcheck.harness.liveness.StateGraph;
import tdxcheck.harness.liveness.StateGraphBuilder;
import tdxcheck.harness.scenario.CheckTarget;
import tdxcheck.harness.scenario.PolicySpec;
import tdxcheck.harness.scenario.ScenarioParams;
import tdxcheck.model.spi.Model;
import tdxcheck.properties.LivenessProperty;
import tdxcheck.properties.Property;
import tdxcheck.properties.PropertyKind;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.FairnessVerdict;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Step;
import tdxcheck.reports.result.Verdict;

/**
 * Checks one target: one exhaustive search decides the safety properties; when a liveness
 * property is asked, the same search keeps the state graph (single thread) and a liveness checker
 * looks for a fair cycle in it. With symmetry reduction (when the model tracks its permutations
 * and the property can rename its operations) the graph is the symmetry quotient and
 * {@link QuotientLivenessChecker} decides it; otherwise the graph is concrete and
 * {@link LivenessChecker} does. Either way the lasso is a real path, replayed here. A liveness
 * verdict needs the whole graph, so any bound makes it INCONCLUSIVE, never HOLDS.
 */
public final class Verifier {
    private Verifier() {
    }

    public static Run verify(String scenario, ScenarioParams params, PolicySpec policy, CheckTarget target,
                             SearchConfig config, Fairness fairness) {
        return verify(scenario, params.toMap(), policy, target, config, FairnessPlan.of(fairness));
    }

    public static Run verify(String scenario, Map<String, Object> params, PolicySpec policy, CheckTarget target,
                             SearchConfig config, Fairness fairness) {
        return verify(scenario, params, policy, target, config, FairnessPlan.of(fairness));
    }

    public static Run verify(String scenario, ScenarioParams params, PolicySpec policy, CheckTarget target,
                             SearchConfig config, FairnessPlan plan) {
        return verify(scenario, params.toMap(), policy, target, config, plan);
    }

    /**
     * Checks every property of {@code target}; the liveness property (at most one) under every
     * fairness of {@code plan}, the first deciding its verdict. Fairness hw explores the model a
     * second time, wrapped in {@link MomentaryWindows} with success edges marked
     * ({@link SuccessMarking}); the safety properties come from the plain search.
     */
    public static Run verify(String scenario, Map<String, Object> params, PolicySpec policy, CheckTarget target,
                             SearchConfig config, FairnessPlan plan) {
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
            return ResultMapper.toRun(r, scenario, policy, params, Map.of(), 0);
        }
        boolean plainGraph = plan.modes().stream().anyMatch(f -> f != Fairness.HW);
        StateGraphBuilder graph = plainGraph ? new StateGraphBuilder(model.actorCount(), model.initialStateCount())
                : null;
        SearchResult r = Search.run(model, target.properties(),
                plainGraph ? config.toBuilder().graph(graph, live).build() : config);
        long graphBytes = 0;
        StateGraph g = plainGraph && r.exhausted() ? graph.build() : null;
        if (g != null) {
            graphBytes = g.memoryBytes();
        }
        Map<Fairness, ModeResult> byMode = new java.util.EnumMap<>(Fairness.class);
        for (Fairness f : plan.modes()) {
            long t0 = System.nanoTime();
            if (f == Fairness.HW) {
                byMode.put(f, hwLiveness(model, live, config, plan.windowSteps()));
            } else if (g == null) {
                byMode.put(f, ModeResult.inconclusive("liveness needs the whole state graph; " + r.boundReason()));
            } else {
                byMode.put(f, liveness(model, model, live, g, f, r.stats().symmetry())
                        .cost(r.stats().distinctStates(), r.stats().seconds() + (System.nanoTime() - t0) / 1e9));
            }
        }
        Map<String, PropertyResult> decided = new HashMap<>();
        decided.put(live.id(), combine(live, plan, byMode));
        return ResultMapper.toRun(r, scenario, policy, params, decided, graphBytes);
    }

    /** The verdict of the liveness property under one fairness, with its counterexample. */
    private record ModeResult(Verdict verdict, String reason, long violations, Counterexample counterexample,
                              Integer cycleSteps, long states, double seconds) {
        static ModeResult inconclusive(String reason) {
            return new ModeResult(Verdict.INCONCLUSIVE, reason, 0, null, null, 0, 0);
        }

        ModeResult cost(long states, double seconds) {
            return new ModeResult(verdict, reason, violations, counterexample, cycleSteps, states, seconds);
        }
    }

    /** The hw search: the model with its momentary windows bounded, success edges marked. */
    private static ModeResult hwLiveness(Model model, LivenessProperty live, SearchConfig config, int windowSteps) {
        Model hw = model.hasMomentaryWindows() ? new MomentaryWindows(model, windowSteps) : model;
        SuccessMarking marked = new SuccessMarking(live, hw);
        StateGraphBuilder graph = new StateGraphBuilder(hw.actorCount(), hw.initialStateCount());
        SearchResult r = Search.run(hw, List.of(marked), config.toBuilder().graph(graph, marked).build());
        long t0 = System.nanoTime();
        if (!r.exhausted()) {
            return ModeResult.inconclusive("liveness needs the whole state graph; " + r.boundReason())
                    .cost(r.stats().distinctStates(), r.stats().seconds());
        }
        return liveness(model, hw, marked, graph.build(), Fairness.HW, r.stats().symmetry())
                .cost(r.stats().distinctStates(), r.stats().seconds() + (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Decides {@code live} on {@code g} (a graph of {@code searched}: the model, or for hw its
     * window wrapper) and replays the lasso through {@code model}.
     */
    private static ModeResult liveness(Model model, Model searched, LivenessProperty live, StateGraph g,
                                       Fairness fairness, boolean quotient) {
        LivenessResult res = quotient
                ? QuotientLivenessChecker.check(g, symmetry(searched, live), fairness, live.operationCount())
                : LivenessChecker.check(g, fairness, live.operationCount());
        if (res.holds()) {
            return new ModeResult(Verdict.HOLDS, "", 0, null, null, 0, 0);
        }
        int op = res.counterexampleOperation().getAsInt();
        Lasso lasso = res.counterexample().get();
        Trace t = concrete(model, lasso, g.initialStateIndex(lasso.node(0)));
        List<String> names = new ArrayList<>();
        for (int o : res.violatedOperations()) {
            names.add(live.operationName(o));
        }
        String summary = live.operationName(op) + " never completes: a " + fairness.id() + "-fair cycle of "
                + lasso.cycleLength() + " steps back to step " + lasso.loopBackIndex() + " (violated for: "
                + String.join(", ", names) + ")";
        Counterexample cx = ResultMapper.counterexample(model, PropertyKind.LIVENESS.counterexampleKind(), summary,
                t, lasso.loopBackIndex());
        return new ModeResult(Verdict.VIOLATED, summary, res.violatedOperations().length,
                BusyNotes.annotate(model, t, fairness == Fairness.HW ? cx : withWindowNotes(cx)),
                lasso.cycleLength(), 0, 0);
    }

    /**
     * The property result: the verdict under the plan's first fairness, every fairness in
     * {@code byFairness}, and the class of each violation: robust when hw finds it, adversarial
     * when hw was decided and holds; unknown otherwise.
     */
    private static PropertyResult combine(LivenessProperty live, FairnessPlan plan, Map<Fairness, ModeResult> byMode) {
        ModeResult hw = byMode.get(Fairness.HW);
        List<FairnessVerdict> all = new ArrayList<>();
        for (Fairness f : plan.modes()) {
            ModeResult m = byMode.get(f);
            all.add(new FairnessVerdict(f.id(), m.verdict(), livelockClass(m, hw), m.violations(), m.cycleSteps(),
                    m.states(), Math.round(m.seconds() * 1000) / 1000.0, m.reason().isEmpty() ? null : m.reason()));
        }
        ModeResult p = byMode.get(plan.primary());
        return new PropertyResult(live.id(), p.verdict(), p.reason(), p.violations(), plan.primary().id(),
                livelockClass(p, hw), all.size() > 1 ? all : List.of(), p.counterexample());
    }

    /** robust / adversarial for a violation, null when not violated or hw was not decided. */
    static String livelockClass(ModeResult m, ModeResult hw) {
        if (m.verdict() != Verdict.VIOLATED || hw == null) {
            return null;
        }
        if (hw.verdict() == Verdict.VIOLATED) {
            return "robust";
        }
        return hw.verdict() == Verdict.HOLDS ? "adversarial" : null;
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
            throw new IllegalStateException("lasso does not close on replay (engine bug)");
        }
        return t;
    }

    /**
     * design.md: TDH.VP.ENTER's epoch hold is momentary in the module but two steps in the model;
     * a lasso whose cycle relies on BUSY|TD_EPOCH says so on those steps.
     */
    private static Counterexample withWindowNotes(Counterexample cx) {
        List<Step> steps = new ArrayList<>();
        boolean any = false;
        for (Step s : cx.steps()) {
            if (s.index() > cx.loopBackIndex() && s.outcome().contains("TD_EPOCH")) {
                any = true;
                steps.add(new Step(s.index(), s.actor(), s.action(), s.outcome(), s.changes(), s.locks(),
                        "needs the window in which TDH.VP.ENTER holds the epoch lock shared "
                                + "(momentary in the module, two steps in the model)"));
            } else {
                steps.add(s);
            }
        }
        return any ? new Counterexample(cx.kind(), cx.summary(), cx.loopBackIndex(), cx.actors(), cx.initialState(),
                steps, cx.replay()) : cx;
    }
}
