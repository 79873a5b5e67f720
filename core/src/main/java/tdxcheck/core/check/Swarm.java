package tdxcheck.core.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.engine.Fingerprint;
import tdxcheck.core.engine.FingerprintSet;
import tdxcheck.core.engine.PropertyOutcome;
import tdxcheck.core.engine.Search;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.engine.SearchListener;
import tdxcheck.core.engine.SearchResult;
import tdxcheck.core.engine.SearchStats;
import tdxcheck.core.engine.Strategy;
import tdxcheck.core.engine.Verdict;
import tdxcheck.core.property.LivenessProperty;
import tdxcheck.core.property.Property;
import tdxcheck.core.spi.Model;

/**
 * Past exhaustive: many randomised, bounded depth-first runs (in the manner of SPIN's swarm and
 * TLC's simulation mode) for a configuration too large to finish. Run {@code i} takes every
 * state's enabled actions in a random order drawn from {@code seed} and {@code i}, and stops at
 * its depth and state bounds. A violation any run finds is a real counterexample (the engine's
 * trace, replayed like any other); a property no run violates is INCONCLUSIVE, never HOLDS, with
 * the coverage reached (distinct states over all runs). Liveness needs the whole graph: it stays
 * INCONCLUSIVE. The same seed gives the same runs, so a swarm is reproducible.
 */
public final class Swarm {
    /** Per-run bounds when the caller gives none. */
    public static final int DEFAULT_MAX_DEPTH = 1000;
    public static final long DEFAULT_MAX_STATES = 200_000;

    private Swarm() {
    }

    /** The shuffle seed of run {@code i} of a swarm seeded {@code seed} (never 0). */
    static long runSeed(long seed, int i) {
        long s = Fingerprint.fmix64(seed * 0x9E3779B97F4A7C15L + i + 1);
        return s == 0 ? 1 : s;
    }

    /**
     * {@code runs} randomised DFS runs of {@code target} under {@code base}'s bounds (the
     * defaults above where it has none); stops early once every safety property is violated.
     */
    public static CheckResult check(CheckTarget target, SearchConfig base, int runs, long seed) {
        if (runs < 1) {
            throw new IllegalArgumentException("--swarm needs at least one run, got " + runs);
        }
        Model model = target.model();
        List<Property> safety = new ArrayList<>();
        for (Property p : target.properties()) {
            if (!(p instanceof LivenessProperty)) {
                safety.add(p);
            }
        }
        int depth = base.maxDepth() > 0 ? base.maxDepth() : DEFAULT_MAX_DEPTH;
        long states = base.maxStates() > 0 ? base.maxStates() : DEFAULT_MAX_STATES;
        FingerprintSet covered = new FingerprintSet(1024);
        int words = model.stateWords();
        long fpSeed = base.seed();
        SearchListener coverage = new SearchListener() {
            @Override
            public boolean wantsEvents() {
                return true;
            }

            @Override
            public void stateNew(int id, long[] state, int d) {
                covered.add(Fingerprint.of(state, words, fpSeed));
            }
        };
        PropertyOutcome[] found = new PropertyOutcome[safety.size()];
        int[] foundIn = new int[safety.size()];
        long generated = 0;
        int maxDepth = 0;
        long t0 = System.nanoTime();
        SearchResult last = null;
        int done = 0;
        for (int i = 0; i < runs && remaining(found) > 0; i++) {
            SearchConfig cfg = base.toBuilder().strategy(Strategy.DFS).maxDepth(depth).maxStates(states)
                    .shuffleSeed(runSeed(seed, i)).listener(coverage).build();
            last = Search.run(model, safety, cfg);
            done++;
            generated += last.stats().generated();
            maxDepth = Math.max(maxDepth, last.stats().maxDepth());
            for (int p = 0; p < safety.size(); p++) {
                PropertyOutcome o = last.outcomes().get(p);
                if (found[p] == null && o.verdict() == Verdict.VIOLATED) {
                    found[p] = o;
                    foundIn[p] = i;
                }
            }
        }
        if (last == null) {
            last = Search.run(model, safety, base.toBuilder().maxStates(1).build());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String cover = String.format(Locale.ROOT, "swarm of %d randomised depth-first run%s (seed %d, depth <= %d, "
                + "<= %d states each): %d distinct states covered, not exhaustive", done, done == 1 ? "" : "s", seed,
                depth, states, covered.size());
        List<PropertyVerdict> verdicts = new ArrayList<>();
        for (Property p : target.properties()) {
            int k = safety.indexOf(p);
            if (k < 0) {
                verdicts.add(new PropertyVerdict(p, Verdict.INCONCLUSIVE, "liveness needs the whole state graph; "
                        + cover, 0, null, null));
            } else if (found[k] != null) {
                PropertyOutcome o = found[k];
                verdicts.add(new PropertyVerdict(p, Verdict.VIOLATED, o.reason() + " (swarm run " + foundIn[k]
                        + ")", o.violations(), o.counterexample(), null));
            } else {
                verdicts.add(new PropertyVerdict(p, Verdict.INCONCLUSIVE, cover, 0, null, null));
            }
        }
        SearchStats st = last.stats();
        SearchStats total = new SearchStats(covered.size(), generated, maxDepth, seconds,
                seconds > 0 ? covered.size() / seconds : 0, st.threads(), st.symmetry(), 0, st.storeBytes(), 0,
                st.seenSetBytes());
        SearchResult summary = new SearchResult(model, last.config(), last.plan(), last.outcomes(), total, cover,
                false);
        return new CheckResult(target, summary, verdicts, 0);
    }

    private static int remaining(PropertyOutcome[] found) {
        int n = 0;
        for (PropertyOutcome o : found) {
            n += o == null ? 1 : 0;
        }
        return n;
    }
}
