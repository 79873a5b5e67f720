package tdxcheck.app.check;

import tdxcheck.core.check.Checker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import tdxcheck.core.engine.Search;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.engine.SearchResult;
import tdxcheck.core.engine.Strategy;
import tdxcheck.core.engine.Trace;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.liveness.Lasso;
import tdxcheck.core.liveness.MomentaryWindows;
import tdxcheck.core.liveness.SuccessMarking;
import tdxcheck.core.liveness.LivenessChecker;
import tdxcheck.core.liveness.LivenessResult;
import tdxcheck.core.liveness.QuotientLivenessChecker;
import tdxcheck.core.liveness.StateGraph;
import tdxcheck.core.liveness.StateGraphBuilder;
import tdxcheck.core.spi.Model;
import tdxcheck.core.property.LivenessProperty;

/** Runs a liveness check the way {@link Checker} does, and validates lassos against the model. */
final class LivenessRuns {
    private LivenessRuns() {
    }

    /** The outcome of one liveness check. */
    record Outcome(StateGraph graph, LivenessResult result, boolean symmetry, long states, Model model,
                   LivenessProperty live) {
    }

    /**
     * Fairness hw explores the model wrapped in {@link MomentaryWindows} (budget 2) with its success
     * edges marked, as {@link Checker} does; the outcome carries the explored model and property.
     */
    static Outcome check(Model plainModel, LivenessProperty plainLive, Fairness fairness, boolean symmetry) {
        return check(plainModel, plainLive, fairness, symmetry, 2);
    }

    static Outcome check(Model plainModel, LivenessProperty plainLive, Fairness fairness, boolean symmetry,
                         int windowSteps) {
        Model model = plainModel;
        LivenessProperty live = plainLive;
        if (fairness == Fairness.HW) {
            model = plainModel.hasMomentaryWindows() ? new MomentaryWindows(plainModel, windowSteps) : plainModel;
            live = new SuccessMarking(plainLive, model);
        }
        StateGraphBuilder b = new StateGraphBuilder(model.actorCount(), model.initialStateCount());
        SearchResult r = Search.run(model, List.of(live), SearchConfig.builder().strategy(Strategy.BFS).threads(1)
                .symmetry(symmetry).graph(b, live).build());
        assertTrue(r.exhausted(), "the search must finish");
        StateGraph g = b.build();
        boolean sym = r.stats().symmetry();
        LivenessResult res = sym
                ? QuotientLivenessChecker.check(g, Checker.symmetry(model, live), fairness, live.operationCount())
                : LivenessChecker.check(g, fairness, live.operationCount());
        return new Outcome(g, res, sym, r.stats().distinctStates(), model, live);
    }

    /**
     * Every lasso of {@code o} replays through the model ({@link Checker#concrete}), closes, keeps
     * its operation pending with no progress edge on the cycle, and its cycle is fair by itself:
     * weak, every actor enabled in every cycle state steps in the cycle; strong, every actor
     * enabled in some cycle state does. Returns the number of lassos checked.
     */
    static int validateLassos(Model plainModel, LivenessProperty plainLive, Fairness fairness, Outcome o) {
        Model model = o.model();
        LivenessProperty live = o.live();
        int checked = 0;
        for (int op = 0; op < live.operationCount(); op++) {
            if (o.result().lasso(op).isEmpty()) {
                continue;
            }
            assertTrue(o.result().violated(op));
            Lasso l = o.result().lasso(op).get();
            Trace t = Checker.concrete(model, l, o.graph().initialStateIndex(l.node(0)));
            validate(model, live, fairness, t, l.loopBackIndex(), op);
            checked++;
        }
        return checked;
    }

    static void validate(Model model, LivenessProperty live, Fairness fairness, Trace t, int loopBack, int op) {
        int len = t.length();
        assertEquals(java.util.Arrays.toString(t.state(loopBack)), java.util.Arrays.toString(t.state(len)),
                "the cycle closes");
        int[] enabled = new int[Math.max(1, model.maxEnabled())];
        long everywhere = -1L;
        long somewhere = 0L;
        long steps = 0L;
        long successSomewhere = 0L;
        long succeeded = 0L;
        long[] scratch = new long[model.stateWords()];
        for (int i = loopBack; i < len; i++) {
            long[] s = t.state(i);
            if ((live.pendingMask(s) & (1 << op)) == 0) {
                fail(live.operationName(op) + " is not pending at cycle step " + i);
            }
            int a = t.action(i);
            if ((live.progressMask(s, a, t.state(i + 1)) & (1 << op)) != 0) {
                fail("cycle step " + i + " is a progress edge for " + live.operationName(op));
            }
            steps |= 1L << model.actorOf(a);
            int out = model.attemptOutcome(s, a, t.state(i + 1));
            if (tdxcheck.core.spi.Attempt.succeeded(out)) {
                succeeded |= 1L << (model.actorOf(a) * model.attemptSites() + tdxcheck.core.spi.Attempt.site(out));
            }
            int n = model.enabledActions(s, enabled);
            long en = 0L;
            en |= live.waitingActors(s);
            for (int j = 0; j < n; j++) {
                en |= 1L << model.actorOf(enabled[j]);
                model.next(s, enabled[j], scratch);
                int o = model.attemptOutcome(s, enabled[j], scratch);
                if (tdxcheck.core.spi.Attempt.succeeded(o)) {
                    successSomewhere |= 1L << (model.actorOf(enabled[j]) * model.attemptSites()
                            + tdxcheck.core.spi.Attempt.site(o));
                }
            }
            everywhere &= en;
            somewhere |= en;
        }
        long missing = switch (fairness) {
            case WEAK -> everywhere & ~steps;
            case HW -> (everywhere & ~steps) | (successSomewhere & ~succeeded);
            case STRONG -> somewhere & ~steps;
            case NONE -> 0L;
        };
        assertEquals(0L, missing, "the cycle is not fair under " + fairness.id() + " fairness: actors " + Long.toBinaryString(missing)
                + " never step");
    }
}
