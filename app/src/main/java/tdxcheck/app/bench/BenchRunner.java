package tdxcheck.app.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tdxcheck.app.RunRequest;
import tdxcheck.app.Runner;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.check.PropertyVerdict;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.engine.SearchStats;
import tdxcheck.core.engine.Strategy;
import tdxcheck.core.liveness.Fairness;

/**
 * Runs {@link BenchCase}s the way {@code verify} runs them ({@link Verifier}, BFS, the fixed
 * default fingerprint seed, weak fairness) and measures them: per case {@code warmup} unmeasured
 * repetitions, then {@code repeat} measured ones; times are medians, counts must agree between
 * repetitions (a difference is an engine bug and throws). Before each repetition the heap is
 * collected and the heap pools' peak counters are reset, so the peak heap is per repetition.
 */
public final class BenchRunner {
    /**
     * @param repeat    measured repetitions per case (at least 1)
     * @param warmup    unmeasured repetitions per case before them
     * @param threads   threads of the cases that do not pin their own
     * @param symmetry  symmetry reduction on (the cases that compare also run once without)
     */
    public record Options(int repeat, int warmup, int threads, boolean symmetry) {
        public Options {
            if (repeat < 1 || warmup < 0 || threads < 1) {
                throw new IllegalArgumentException("repeat and threads must be at least 1, warmup at least 0");
            }
        }
    }

    private final Catalog catalog;
    private final Options options;
    private final PrintStream log;

    /** {@code log} gets one line per case as it finishes (null: silent). */
    public BenchRunner(Catalog catalog, Options options, PrintStream log) {
        this.catalog = catalog;
        this.options = options;
        this.log = log;
    }

    public List<BenchResult> run(List<BenchCase> cases) {
        List<BenchResult> out = new ArrayList<>();
        for (BenchCase c : cases) {
            BenchResult r = run(c);
            out.add(r);
            if (log != null) {
                log.printf("bench: %-48s %,12d states %8.3f s%n", c.label(), r.distinctStates(), r.seconds());
                log.flush();
            }
        }
        return out;
    }

    public BenchResult run(BenchCase c) {
        int threads = c.threads() != null ? c.threads() : options.threads();
        for (int i = 0; i < options.warmup(); i++) {
            measure(c, threads, options.symmetry());
        }
        List<Measurement> ms = new ArrayList<>();
        for (int i = 0; i < options.repeat(); i++) {
            Measurement m = measure(c, threads, options.symmetry());
            if (!ms.isEmpty()) {
                Measurement first = ms.get(0);
                if (first.stats.distinctStates() != m.stats.distinctStates()
                        || first.stats.generated() != m.stats.generated() || !first.verdicts.equals(m.verdicts)) {
                    throw new IllegalStateException("bench: " + c.label() + " gave different counts or verdicts in "
                            + "two repetitions (" + first.stats.distinctStates() + " vs " + m.stats.distinctStates()
                            + " states)");
                }
            }
            ms.add(m);
        }
        long noSymStates = -1;
        double noSymSeconds = -1;
        if (c.compareSymmetry() && options.symmetry()) {
            Measurement m = measure(c, threads, false);
            noSymStates = m.stats.distinctStates();
            noSymSeconds = m.seconds;
            if (!m.verdicts.equals(ms.get(0).verdicts)) {
                throw new IllegalStateException("bench: " + c.label() + " has different verdicts without symmetry: "
                        + m.verdicts + " vs " + ms.get(0).verdicts);
            }
        }
        Measurement last = ms.get(ms.size() - 1);
        SearchStats st = last.stats;
        List<Double> reps = new ArrayList<>();
        for (Measurement m : ms) {
            reps.add(m.seconds);
        }
        return new BenchResult(c, st.threads(), st.symmetry(), st.distinctStates(), st.generated(), st.maxDepth(),
                median(ms, 0), median(ms, 1), reps, st.seenSetBytes(), st.storeBytes(), last.graphBytes,
                (long) median(ms, 2), last.verdicts, noSymStates, noSymSeconds, last.graphStates, last.graphStoreBytes);
    }

    private record Measurement(SearchStats stats, double seconds, long peakHeap, long graphBytes,
                               Map<String, String> verdicts, long graphStates, long graphStoreBytes) {
    }

    private Measurement measure(BenchCase c, int threads, boolean symmetry) {
        SearchConfig cfg = SearchConfig.builder()
                .strategy(Strategy.BFS)
                .threads(threads)
                .symmetry(symmetry)
                .partialOrder(c.por())
                .build();
        RunRequest request = new RunRequest(catalog, c.scenario(), c.params(), catalog.resolvePolicy(c.preset(),
                Map.of()), c.properties(), c.fairness(), cfg, null);
        Runner.target(request); // bad input before the clock starts
        List<MemoryPoolMXBean> pools = heapPools();
        System.gc();
        for (MemoryPoolMXBean p : pools) {
            p.resetPeakUsage();
        }
        long t0 = System.nanoTime();
        CheckResult checked = Runner.check(request);
        long t1 = System.nanoTime();
        long peak = 0;
        for (MemoryPoolMXBean p : pools) {
            peak += p.getPeakUsage().getUsed();
        }
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (PropertyVerdict v : checked.verdicts()) {
            verdicts.put(v.property().id(), v.verdict().name());
        }
        return new Measurement(checked.stats(), (t1 - t0) / 1e9, peak, checked.graphBytes(), verdicts,
                checked.graphStates(), checked.graphStoreBytes());
    }


    private static List<MemoryPoolMXBean> heapPools() {
        List<MemoryPoolMXBean> l = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                l.add(p);
            }
        }
        return l;
    }

    /** Median of field {@code which} (0 seconds, 1 search seconds, 2 peak heap). */
    private static double median(List<Measurement> ms, int which) {
        double[] v = new double[ms.size()];
        for (int i = 0; i < v.length; i++) {
            Measurement m = ms.get(i);
            v[i] = which == 0 ? m.seconds : which == 1 ? m.stats.seconds() : m.peakHeap;
        }
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
