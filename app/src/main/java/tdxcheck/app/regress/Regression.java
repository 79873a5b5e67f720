package tdxcheck.app.regress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tdxcheck.app.check.Verifier;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Described;
import tdxcheck.core.catalog.PolicySpec;
import tdxcheck.core.catalog.Scenario;
import tdxcheck.core.catalog.ScenarioParams;
import tdxcheck.core.spi.ModelException;
import tdxcheck.reports.result.Run;

/**
 * Runs the checks a baseline pins and builds the standard matrix. Every run checks every
 * property of its scenario, unbounded, with the baseline's fairness. Runs are independent and
 * go to {@code jobs} worker threads; each search is single-threaded (a liveness search keeps the
 * state graph and has no symmetry reduction), so state counts and counterexamples are the same
 * on every machine and for every {@code jobs}.
 */
public final class Regression {
    /**
     * Scenarios whose pending-events variant the standard matrix adds: the ones where a pending
     * event changes what local retry does (a vCPU retrying in KVM may break out and re-enter).
     */
    public static final List<String> PENDING_EVENTS_SCENARIOS = List.of("frozen-spte-race", "zap-vs-zero-step",
            "fault-storm");

    private Regression() {
    }

    /** What to run: one scenario x policy x params. */
    public record Spec(String scenario, PolicySpec policy, ScenarioParams params) {
    }

    /**
     * The standard matrix: every scenario at its default params under every fault axis x every
     * zap axis (which covers the presets; the preset name is recorded where the axes are one),
     * and the pending-events variant of {@link #PENDING_EVENTS_SCENARIOS}. Order: scenario
     * (catalog order), pending events off then on, fault axis, zap axis.
     */
    public static List<Spec> standardMatrix(Catalog catalog) {
        List<Spec> l = new ArrayList<>();
        for (Scenario s : catalog.scenarios()) {
            ScenarioParams d = s.defaults();
            List<ScenarioParams> variants = new ArrayList<>(List.of(d));
            if (PENDING_EVENTS_SCENARIOS.contains(s.id()) && !d.pendingEvents()) {
                variants.add(d.withPendingEvents(true));
            }
            for (ScenarioParams p : variants) {
                for (Described f : catalog.faultRetries()) {
                    for (Described z : catalog.zapRetries()) {
                        l.add(new Spec(s.id(), catalog.resolvePolicy(null, f.id(), z.id()), p));
                    }
                }
            }
        }
        return l;
    }

    /** The runs a baseline pins, with their policies re-resolved (preset labels refreshed). */
    public static List<Spec> specs(Baseline b, Catalog catalog, String where) {
        List<Spec> l = new ArrayList<>();
        for (int i = 0; i < b.runs().size(); i++) {
            BaselineRun r = b.runs().get(i);
            try {
                PolicySpec p = catalog.resolvePolicy(null, r.policy().faultRetry(), r.policy().zapRetry());
                catalog.scenario(r.scenario()).build(r.params(), p); // checks the params too (cheap: no search)
                l.add(new Spec(r.scenario(), p, r.params()));
            } catch (ModelException e) {
                throw new BaselineException("bad baseline " + where + ": runs[" + i + "]: " + e.getMessage());
            }
        }
        return l;
    }

    /** Runs one spec (all properties, unbounded, single-threaded search). */
    public static BaselineRun run(Catalog catalog, Spec s, Fairness fairness) {
        CheckTarget t = catalog.scenario(s.scenario()).build(s.params(), s.policy());
        Run run = Verifier.verify(s.scenario(), s.params(), s.policy(), t, SearchConfig.builder().threads(1).build(),
                fairness);
        return BaselineRun.of(run, s.policy(), s.params());
    }

    /** Runs every spec on {@code jobs} threads; the result keeps the specs' order. */
    public static Baseline runAll(Catalog catalog, List<Spec> specs, Fairness fairness, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, specs.size())), r -> {
            Thread t = new Thread(r, "tdxcheck-regress");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<BaselineRun>> fs = new ArrayList<>();
            for (Spec s : specs) {
                fs.add(pool.submit(() -> run(catalog, s, fairness)));
            }
            List<BaselineRun> out = new ArrayList<>();
            for (int i = 0; i < fs.size(); i++) {
                try {
                    out.add(fs.get(i).get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof ModelException m) {
                        throw new BaselineException("cannot run " + label(specs.get(i)) + ": " + m.getMessage());
                    }
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            return new Baseline(fairness, out);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String label(Spec s) {
        return s.scenario() + " [" + s.policy().label() + "] " + s.params();
    }
}
