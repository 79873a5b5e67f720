package tdxcheck.app.jpf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tdxcheck.app.RunRequest;
import tdxcheck.app.Runner;
import tdxcheck.app.check.ResultMapper;
import tdxcheck.core.catalog.AxisSpec;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.ParamSpec;
import tdxcheck.core.check.PropertyVerdict;
import tdxcheck.core.engine.Counterexamples;
import tdxcheck.core.engine.Trace;
import tdxcheck.core.property.LivenessProperty;
import tdxcheck.core.property.Property;
import tdxcheck.core.spi.Model;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Stats;
import tdxcheck.reports.result.Verdict;

/**
 * The JPF engine: one {@link RunRequest} explored by JPF (through {@link JpfLauncher}), mapped
 * to the same tdxcheck-result/1 {@link Run} as our engine's, every counterexample replayed
 * through our model. JPF decides the safety properties only; a liveness property is reported
 * INCONCLUSIVE with {@link #NOT_CHECKED}, never HOLDS. A HOLDS is refused (JpfException) when
 * JPF reached no choice point or fewer states than {@link #lowerBound} of the run.
 */
public final class JpfEngine {
    /** Start of the message that refuses a HOLDS. */
    public static final String REFUSED = "refusing HOLDS for ";
    /** Reason of a liveness property under JPF. */
    public static final String NOT_CHECKED = "not checked under JPF: JPF has no fair-cycle liveness (use --engine own)";

    private JpfEngine() {
    }

    /** How to search under JPF (the usual bounds, mapped onto JPF's). */
    public record Options(boolean bfs, int maxDepth, double timeLimit, long maxStates, boolean symmetry,
                          boolean exhaustive) {
        public static Options defaults() {
            return new Options(false, 0, 0, 0, true, false);
        }
    }

    /** A JPF run's result, and JPF's own figures. */
    public record JpfRun(Run run, JpfOutcome outcome) {
        /** The additive fields of this run in the result JSON. */
        public Map<String, Object> jsonFields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("engine", "jpf");
            m.put("jpf", outcome.toJson());
            return m;
        }
    }

    /** The safety properties of {@code r}'s target (what JPF checks). */
    public static List<Property> safety(CheckTarget t) {
        List<Property> l = new ArrayList<>();
        for (Property p : t.properties()) {
            if (!(p instanceof LivenessProperty)) {
                l.add(p);
            }
        }
        return l;
    }

    /** Checks {@code r} under JPF. */
    public static JpfRun run(JpfHome home, RunRequest r, Options o) {
        CheckTarget target = Runner.target(r);
        Model model = target.model();
        List<Property> safety = safety(target);
        if (safety.isEmpty()) {
            throw new JpfException("nothing for JPF to check in " + r.label() + ": only liveness properties"
                    + " selected, and JPF has no fair-cycle liveness (use --engine own)");
        }
        boolean symmetry = o.symmetry() && model.hasSymmetry();
        JpfOutcome out = JpfLauncher.run(home, new JpfLauncher.Job(driverArgs(r, safety, symmetry), o.bfs(),
                o.maxDepth() > 0 ? o.maxDepth() + 1 : 0, o.timeLimit(), o.maxStates(),
                o.exhaustive() ? 0 : safety.size()));
        if (!out.errors().isEmpty()) {
            throw new JpfException("JPF failed on " + r.label() + ": " + out.errors().get(0));
        }
        List<PropertyResult> results = new ArrayList<>();
        boolean anyHolds = false;
        for (Property p : target.properties()) {
            if (p instanceof LivenessProperty) {
                results.add(new PropertyResult(p.id(), Verdict.INCONCLUSIVE, NOT_CHECKED, 0, null));
                continue;
            }
            int[] v = out.violation(p.id());
            if (v != null) {
                Trace t = replay(model, out.symmetry(), v, p, r);
                PropertyVerdict pv = new PropertyVerdict(p, tdxcheck.core.engine.Verdict.VIOLATED, Counterexamples.summary(model, p, t),
                        1, t, null);
                results.add(ResultMapper.toPropertyResult(model, pv));
            } else if (!out.constraints().isEmpty()) {
                results.add(new PropertyResult(p.id(), Verdict.INCONCLUSIVE, "bound hit under JPF: "
                        + String.join(", ", out.constraints()) + " (" + out.newStates() + " states explored)", 0,
                        null));
            } else {
                anyHolds = true;
                results.add(new PropertyResult(p.id(), Verdict.HOLDS, "", 0, null));
            }
        }
        if (anyHolds) {
            if (out.choicePoints() == 0) {
                throw new JpfException(REFUSED + r.label() + ": JPF reached no choice point, so it"
                        + " did not run the model (see README, Running under JPF)");
            }
            long lb = lowerBound(model, out.symmetry());
            if (out.newStates() < lb) {
                throw new JpfException(REFUSED + r.label() + ": JPF explored " + out.newStates()
                        + " states, fewer than the " + lb + " one path of the model visits (see README, Running under JPF)");
            }
        }
        double rate = out.seconds() > 0 ? out.newStates() / out.seconds() : 0;
        Stats stats = new Stats(out.newStates(), out.newStates() + out.visitedStates(), out.maxDepth(), out.seconds(),
                rate, 1, out.symmetry(), 0);
        Run run = new Run(r.scenario(), ResultMapper.policy(r.catalog(), r.policy()), r.params().toJson(), stats,
                results);
        return new JpfRun(run, out);
    }

    private static Trace replay(Model model, boolean symmetry, int[] v, Property p, RunRequest r) {
        try {
            return Counterexamples.fromPath(model, symmetry, v[0], Arrays.copyOfRange(v, 1, v.length), p);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new JpfException("JPF's counterexample for " + p.id() + " in " + r.label()
                    + " does not replay through the model: " + e.getMessage());
        }
    }

    /** The driver's arguments: the family, scenario, every parameter and axis, the properties. */
    static List<String> driverArgs(RunRequest r, List<Property> safety, boolean symmetry) {
        List<String> a = new ArrayList<>();
        a.add("catalog=" + r.catalog().getClass().getName());
        a.add("scenario=" + r.scenario());
        for (ParamSpec s : r.params().specs()) {
            a.add("param." + s.name() + "=" + r.params().get(s.name()));
        }
        for (AxisSpec x : r.catalog().axes()) {
            a.add("axis." + x.name() + "=" + r.policy().value(x.name()));
        }
        List<String> ids = new ArrayList<>();
        for (Property p : safety) {
            ids.add(p.id());
        }
        a.add("properties=" + String.join("+", ids));
        a.add("symmetry=" + symmetry);
        for (String s : a) {
            if (s.contains(",")) {
                throw new JpfException("cannot pass '" + s + "' to JPF (a comma separates JPF's arguments)");
            }
        }
        return a;
    }

    /**
     * A lower bound on the states any exhaustive search of the model must visit: the distinct
     * states along one path (always the first enabled action) until it ends or repeats.
     */
    public static long lowerBound(Model model, boolean symmetry) {
        List<long[]> seen = new ArrayList<>();
        long[] s = new long[model.stateWords()];
        model.initialState(0, s);
        if (symmetry) {
            model.canonicalize(s);
        }
        int[] en = new int[Math.max(1, model.maxEnabled())];
        while (seen.size() < 100_000) {
            for (long[] x : seen) {
                if (Arrays.equals(x, s)) {
                    return seen.size();
                }
            }
            seen.add(s);
            int n = model.enabledActions(s, en);
            if (n == 0) {
                break;
            }
            long[] t = new long[model.stateWords()];
            model.next(s, en[0], t);
            if (symmetry) {
                model.canonicalize(t);
            }
            s = t;
        }
        return seen.size();
    }
}
