package tdxcheck.app.regress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import tdxcheck.app.RunRequest;
import tdxcheck.app.Runner;
import tdxcheck.app.check.ResultMapper;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.AxisSpec;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Policy;
import tdxcheck.core.catalog.Scenario;
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
    private Regression() {
    }

    /** What to run: one scenario x policy x params. */
    public record Spec(String scenario, Policy policy, Params params) {
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
            List<List<String>> values = new ArrayList<>();
            for (AxisSpec a : catalog.axes()) {
                values.add(catalog.baselineAxisValues(s.id(), a));
            }
            for (Params p : catalog.baselineVariants(s)) {
                for (Map<String, String> choice : crossProduct(catalog.axes(), values)) {
                    l.add(new Spec(s.id(), catalog.resolvePolicy(null, choice), p));
                }
            }
        }
        return l;
    }

    /** Every combination of one value per axis, the first axis varying slowest. */
    private static List<Map<String, String>> crossProduct(List<AxisSpec> axes, List<List<String>> values) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (int i = 0; i < axes.size(); i++) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : values.get(i)) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(axes.get(i).name(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** The runs a baseline pins, with their policies re-resolved (preset labels refreshed). */
    public static List<Spec> specs(Baseline b, Catalog catalog, String where) {
        List<Spec> l = new ArrayList<>();
        for (int i = 0; i < b.runs().size(); i++) {
            BaselineRun r = b.runs().get(i);
            try {
                Policy p = ResultMapper.corePolicy(catalog, tdxcheck.reports.result.Policy.fromJson(r.policy()));
                Scenario sc = catalog.scenario(r.scenario());
                for (String key : r.params().keySet()) {
                    if (catalog.params().stream().noneMatch(ps -> ps.jsonKey().equals(key))) {
                        throw new ModelException("params." + key + " is not a parameter of this family");
                    }
                }
                Params params = Params.fromJson(sc.defaults(), r.params());
                sc.build(params, p); // checks the params too (cheap: no search)
                l.add(new Spec(r.scenario(), p, params));
            } catch (ModelException e) {
                throw new BaselineException("bad baseline " + where + ": runs[" + i + "]: " + e.getMessage());
            }
        }
        return l;
    }

    /** Runs one spec (all properties, unbounded, single-threaded search). */
    public static BaselineRun run(Catalog catalog, Spec s, Fairness fairness) {
        return run(catalog, s, tdxcheck.core.liveness.FairnessPlan.of(fairness));
    }

    /** Runs one spec, liveness under every fairness of {@code plan}. */
    public static BaselineRun run(Catalog catalog, Spec s, tdxcheck.core.liveness.FairnessPlan fairness) {
        Run run = Runner.run(new RunRequest(catalog, s.scenario(), s.params(), s.policy(), List.of(), fairness,
                SearchConfig.builder().threads(1).build(), null));
        return BaselineRun.of(run);
    }

    /** Runs every spec on {@code jobs} threads; the result keeps the specs' order. */
    public static Baseline runAll(Catalog catalog, List<Spec> specs, Fairness fairness, int jobs) {
        return runAll(catalog, specs, new Baseline(fairness, List.of()), jobs);
    }

    /** Runs every spec under the fairness of {@code like} (its main one and the others it pins). */
    public static Baseline runAll(Catalog catalog, List<Spec> specs, Baseline like, int jobs) {
        tdxcheck.core.liveness.FairnessPlan fairness = like.plan();
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
            return new Baseline(like.fairness(), out, like.also());
        } finally {
            pool.shutdownNow();
        }
    }

    private static String label(Spec s) {
        return s.scenario() + " [" + s.policy().label() + "] " + s.params();
    }
}
