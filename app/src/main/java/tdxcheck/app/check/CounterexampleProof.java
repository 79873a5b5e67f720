package tdxcheck.app.check;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Scenario;
import tdxcheck.core.engine.Replayer;
import tdxcheck.core.engine.Trace;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.property.DeadlockFreedom;
import tdxcheck.core.property.LivenessProperty;
import tdxcheck.core.property.Property;
import tdxcheck.core.property.StateInvariant;
import tdxcheck.core.property.TransitionCheck;
import tdxcheck.core.spi.Attempt;
import tdxcheck.core.spi.Model;
import tdxcheck.reports.Preempted;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Step;
import tdxcheck.reports.result.Verdict;

/**
 * Whether a recorded counterexample proves its verdict: the model is rebuilt from the run's
 * family, scenario, params and policy (through the catalog, as {@code verify} built it), the
 * action ids are replayed, every recorded step (actor, action, outcome, changes, lock owners) must
 * match the replay, and the end must violate the named property: a state the invariant rejects,
 * a step the transition check rejects, a deadlocked state, or for a lasso a cycle that closes on
 * its {@code loopBackIndex}, is fair, and keeps one operation pending without progress.
 * Replaying steps alone proves nothing: a safety trace cut short replays fine (issue 16).
 */
public final class CounterexampleProof {
    /** The checker's words ("under weak fairness", "with no fairness assumed"), and older results' ("a weakly fair cycle"). */
    private static final Pattern FAIRNESS = Pattern.compile(
            "\\b(?:(hw|weak|strong|none)(?:ly |-)fair cycle|under (hw|weak|strong) fairness|with (no) fairness assumed)\\b");

    private CounterexampleProof() {
    }

    /** Null when the result's evidence proves its verdict, else the first reason it does not, in one line. */
    public static String check(Catalog catalog, Run run, PropertyResult pr) {
        Counterexample cx = pr.counterexample();
        if (pr.verdict() != Verdict.VIOLATED) {
            return cx == null ? null : pr.verdict() + " with a counterexample";
        }
        if (cx == null) {
            return "VIOLATED without a counterexample";
        }
        Scenario s = catalog.scenario(run.scenario());
        CheckTarget target = s.build(Params.fromJson(s.defaults(), run.params()),
                ResultMapper.corePolicy(catalog, run.policy()));
        Model model = target.model();
        Property property = null;
        for (Property p : target.properties()) {
            if (p.id().equals(pr.property())) {
                property = p;
            }
        }
        if (property == null) {
            return run.scenario() + " has no property " + pr.property();
        }
        String kind = property.kind().counterexampleKind();
        if (!kind.equals(cx.kind())) {
            return "a " + cx.kind() + " counterexample for a property whose counterexamples are " + kind;
        }
        if (property instanceof LivenessProperty != cx.isLasso()) {
            return cx.isLasso() ? "a lasso for a safety property" : "a liveness counterexample without its loopBackIndex";
        }
        if (cx.replay() == null) {
            return "no replay (initial state and action ids)";
        }
        int[] actions = cx.replay().actions().stream().mapToInt(Integer::intValue).toArray();
        Trace trace;
        try {
            trace = Replayer.trace(model, property.kind(), cx.replay().initialState(), actions);
        } catch (IllegalArgumentException e) {
            return firstLine(e.getMessage());
        }
        String steps = sameSteps(model, trace, cx);
        if (steps != null) {
            return steps;
        }
        long[] last = trace.finalState();
        return switch (property.kind()) {
            case INVARIANT -> ((StateInvariant) property).holds(last)
                    ? "the trace ends in a state where " + property.id() + " holds" : null;
            case TRANSITION -> trace.length() == 0 || ((TransitionCheck) property).allowed(
                    trace.state(trace.length() - 1), trace.action(trace.length() - 1), last)
                    ? "the last step of the trace is allowed by " + property.id() : null;
            case DEADLOCK -> deadlocked(model, last) ? null
                    : "the trace ends in a state that is not a deadlock (" + DeadlockFreedom.ID + ")";
            case LIVENESS -> lasso(model, (LivenessProperty) property, trace, cx);
        };
    }

    /** The fairness a lasso's summary claims ("under weak fairness"); the default when unsaid. */
    public static Fairness fairnessOf(Counterexample cx) {
        Matcher m = FAIRNESS.matcher(cx.summary() == null ? "" : cx.summary());
        if (!m.find()) {
            return Fairness.defaultFairness();
        }
        String id = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : "none";
        return Fairness.fromId(id);
    }

    private static String sameSteps(Model model, Trace trace, Counterexample cx) {
        if (!model.fields(trace.state(0)).equals(cx.initialState())) {
            return "the initial state differs";
        }
        List<Step> got = ResultMapper.steps(model, trace, cx.loopBackIndex());
        if (got.size() != cx.steps().size()) {
            return got.size() + " steps replayed, " + cx.steps().size() + " recorded";
        }
        for (int i = 0; i < got.size(); i++) {
            Step a = got.get(i);
            Step b = cx.steps().get(i);
            if (b.index() != i + 1) {
                return "step " + (i + 1) + " is numbered " + b.index();
            }
            if (!a.actor().equals(b.actor()) || !a.action().equals(b.action()) || !a.outcome().equals(b.outcome())
                    || !a.changes().equals(b.changes())) {
                return "step " + (i + 1) + " replays as '" + a.actor() + " " + a.action() + " -> " + a.outcome()
                        + "', recorded '" + b.actor() + " " + b.action() + " -> " + b.outcome() + "'"
                        + (a.changes().equals(b.changes()) ? "" : " (changes differ)");
            }
            if (!a.locks().equals(b.locks())) {
                return "step " + (i + 1) + " locks replay as " + a.locks() + ", recorded " + b.locks();
            }
            if (!b.resources().isEmpty() && !a.resources().equals(b.resources())) { // older files have none
                return "step " + (i + 1) + " resources replay as " + a.resources() + ", recorded " + b.resources();
            }
            // the model's note knows whether the step is in the cycle; preempted stretches are
            // judged on the whole trace (a trace cut short has others), so they are not compared
            if (!Preempted.strip(a.note()).equals(Preempted.strip(b.note()))) {
                return "step " + (i + 1) + " note replays as '" + a.note() + "', recorded '" + b.note() + "'";
            }
        }
        return null;
    }

    private static boolean deadlocked(Model model, long[] state) {
        if (model.enabledActions(state, new int[Math.max(1, model.maxEnabled())]) != 0) {
            return false;
        }
        for (int a = 0; a < model.actorCount(); a++) {
            if (!model.isFinished(state, a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The cycle (states after steps k..n, with k = loopBackIndex) must close (state n is state
     * k), be fair under the claimed fairness (per actor, as the liveness checker's
     * {@link Fairness} defines it) and keep some operation pending in every state with no
     * progress step.
     */
    private static String lasso(Model model, LivenessProperty live, Trace trace, Counterexample cx) {
        int k = cx.loopBackIndex();
        int n = trace.length();
        if (k < 0 || k >= n) {
            return "loopBackIndex " + k + " leaves no cycle in " + n + " steps";
        }
        if (!Arrays.equals(trace.state(n), trace.state(k))) {
            return "the lasso does not close: the last state differs from the state after step " + k;
        }
        int[] buf = new int[Math.max(1, model.maxEnabled())];
        long enabledEverywhere = -1L;
        long enabledSomewhere = 0L;
        long stepped = 0L;
        int pendingThroughout = -1;
        int progressed = 0;
        // hw: success events (actor, site) possible somewhere in the cycle must be taken in it
        java.util.Set<Long> possible = new java.util.HashSet<>();
        java.util.Set<Long> taken = new java.util.HashSet<>();
        long[] after = new long[trace.state(k).length];
        for (int i = k; i < n; i++) {
            long[] st = trace.state(i);
            long en = 0L;
            int m = model.enabledActions(st, buf);
            for (int j = 0; j < m; j++) {
                en |= 1L << model.actorOf(buf[j]);
                after = new long[st.length];
                model.next(st, buf[j], after);
                int o = model.attemptOutcome(st, buf[j], after);
                if (Attempt.succeeded(o)) {
                    possible.add(((long) model.actorOf(buf[j]) << 32) | Attempt.site(o));
                }
            }
            int taking = model.attemptOutcome(st, trace.action(i), trace.state(i + 1));
            if (Attempt.succeeded(taking)) {
                taken.add(((long) model.actorOf(trace.action(i)) << 32) | Attempt.site(taking));
            }
            enabledEverywhere &= en;
            enabledSomewhere |= en;
            stepped |= 1L << model.actorOf(trace.action(i));
            pendingThroughout &= live.pendingMask(st);
            progressed |= live.progressMask(st, trace.action(i), trace.state(i + 1));
        }
        Fairness fairness = fairnessOf(cx);
        long owed = switch (fairness) {
            case WEAK, HW -> enabledEverywhere & ~stepped;
            case STRONG -> enabledSomewhere & ~stepped;
            case NONE -> 0L;
        };
        if (fairness == Fairness.HW) {
            possible.removeAll(taken);
            if (!possible.isEmpty()) {
                long ev = possible.iterator().next();
                return "the cycle is not hw-fair: " + model.actorName((int) (ev >>> 32))
                        + " could succeed at its attempt site " + (int) ev + " but never does in it";
            }
        }
        if (owed != 0) {
            int actor = Long.numberOfTrailingZeros(owed);
            return "the cycle is not " + fairness.id() + "-fair: " + model.actorName(actor)
                    + " is enabled but never steps in it";
        }
        int stuck = pendingThroughout & ~progressed;
        if (stuck == 0) {
            return "no operation of " + live.id() + " stays pending without progress through the cycle";
        }
        return null;
    }

    private static String firstLine(String m) {
        String s = Objects.requireNonNullElse(m, "invalid").strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
