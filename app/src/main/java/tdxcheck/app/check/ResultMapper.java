package tdxcheck.app.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.check.FairnessOutcome;
import tdxcheck.core.check.LivelockClass;
import tdxcheck.core.check.PropertyVerdict;
import tdxcheck.core.engine.SearchStats;
import tdxcheck.core.engine.Trace;
import tdxcheck.core.spi.Model;
import tdxcheck.core.spi.StepLabel;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.FairnessVerdict;
import tdxcheck.reports.result.Policy;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Replay;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Stats;
import tdxcheck.reports.result.Step;

/** Turns a core {@link CheckResult} into the tdxcheck-result/1 data model ({@link Run}). */
public final class ResultMapper {
    /** Field-name prefix of lock owners in {@code Model.fields}; they go to {@link Step#locks()}. */
    public static final String LOCK_PREFIX = "lock.";
    /** The engine's fingerprints are 64-bit ({@code tdxcheck.core.engine.Fingerprint}). */
    public static final int FINGERPRINT_BITS = 64;

    private ResultMapper() {
    }

    /** The report's policy object: the preset and each axis by its JSON key. */
    public static Policy policy(Catalog catalog, tdxcheck.core.catalog.Policy policy) {
        Map<String, String> json = policy.toJson(catalog.axes());
        json.remove("preset");
        return new Policy(policy.preset(), json);
    }

    /** The family's policy of a result's policy object (axes by JSON key), checked. */
    public static tdxcheck.core.catalog.Policy corePolicy(Catalog catalog, Policy policy) {
        Map<String, String> choices = new LinkedHashMap<>();
        for (tdxcheck.core.catalog.AxisSpec a : catalog.axes()) {
            String v = policy.axis(a.jsonKey());
            if (v != null) {
                choices.put(a.name(), v);
            }
        }
        return catalog.resolvePolicy(null, choices);
    }

    public static Run toRun(CheckResult r, String scenarioId, Policy policy, Params params) {
        String bound = r.search().boundReason();
        boolean countAll = r.search().config().collectAll();
        List<PropertyResult> results = new ArrayList<>();
        for (PropertyVerdict v : r.verdicts()) {
            PropertyResult pr = toPropertyResult(r.model(), v);
            if (countAll && bound != null && pr.verdict() == tdxcheck.reports.result.Verdict.VIOLATED) {
                // --all cut short: the violation is real, its count is not complete (issue 16)
                pr = new PropertyResult(pr.property(), pr.verdict(), pr.reason() + "; at least " + pr.violations()
                        + (pr.violations() == 1 ? " violation" : " violations") + ", count INCONCLUSIVE: " + bound,
                        pr.violations(), pr.counterexample());
            }
            results.add(pr);
        }
        SearchStats s = r.stats();
        boolean exact = r.search().plan() != null && r.search().plan().store() == tdxcheck.core.engine.StoreKind.EXACT;
        Stats stats = new Stats(s.distinctStates(), s.generated(), s.maxDepth(), s.seconds(), s.statesPerSecond(),
                s.threads(), s.symmetry(), r.graphBytes(), planText(r), bound, FINGERPRINT_BITS,
                Stats.collisionProbability(s.distinctStates(), s.generated(), FINGERPRINT_BITS),
                exact ? s.collisions() : null);
        return new Run(scenarioId, policy, params.toJson(), stats, results);
    }

    /** "BFS, 1 thread, ...; 1 thread instead of 2: the liveness graph is built on one thread ...". */
    static String planText(CheckResult r) {
        var plan = r.search().plan();
        if (plan == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(plan.toString());
        for (String o : plan.overrides()) {
            sb.append("; ").append(o);
        }
        return sb.toString();
    }

    public static PropertyResult toPropertyResult(Model model, PropertyVerdict v) {
        Counterexample cx = null;
        if (v.trace() != null) {
            cx = counterexample(model, v.property().kind().counterexampleKind(), v.reason(), v.trace(),
                    v.loopBackIndex());
        }
        List<FairnessVerdict> all = new ArrayList<>();
        if (v.byFairness().size() > 1) {
            for (FairnessOutcome o : v.byFairness()) {
                all.add(new FairnessVerdict(o.fairness().id(), toVerdict(o.verdict()), classId(o.livelockClass()),
                        o.violations(), o.cycleSteps(), o.states(), Math.round(o.seconds() * 1000) / 1000.0,
                        o.reason().isEmpty() ? null : o.reason()));
            }
        }
        return new PropertyResult(v.property().id(), toVerdict(v.verdict()), v.reason(), v.violations(),
                v.fairness() == null ? null : v.fairness().id(), classId(v.livelockClass()), all, cx);
    }

    private static String classId(LivelockClass c) {
        return c == null ? null : c.id();
    }

    /** The engine's verdict in the report's terms. */
    public static tdxcheck.reports.result.Verdict toVerdict(tdxcheck.core.engine.Verdict v) {
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
        return new Counterexample(kind, summary, loopBackIndex, actors, initial, model.resources(t.state(0)),
                steps(model, t, loopBackIndex), new Replay(t.initialIndex(), replay));
    }

    public static List<Step> steps(Model model, Trace t) {
        return steps(model, t, null);
    }

    /**
     * The steps of a trace: actor, action, outcome, changed fields, lock owners after the step,
     * the model's resource lanes after the step, and the notes on the step: who blocked a failed
     * attempt, the model's own (for a lasso, knowing which steps are in the cycle), and which
     * actor was preempted ({@link PreemptionNotes}).
     */
    public static List<Step> steps(Model model, Trace t, Integer loopBackIndex) {
        List<Step> steps = new ArrayList<>(t.length());
        String[] preempted = PreemptionNotes.notes(model, t);
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
            boolean inCycle = loopBackIndex != null && i + 1 > loopBackIndex;
            String note = model.stepNote(before, a, after, inCycle);
            String holder = BusyNotes.note(model, t, i + 1); // every failed attempt says who blocked it
            if (holder != null) {
                note = note == null || note.isEmpty() ? holder : holder + "; " + note;
            }
            if (preempted[i] != null) {
                note = note == null || note.isEmpty() ? preempted[i] : note + "; " + preempted[i];
            }
            steps.add(new Step(i + 1, model.actorName(model.actorOf(a)), label.action(), label.outcome(), changes,
                    locks, model.resources(after), note == null ? "" : note));
            prev = now;
        }
        return steps;
    }
}
