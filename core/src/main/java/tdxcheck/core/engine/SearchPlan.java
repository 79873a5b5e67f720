package tdxcheck.core.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tdxcheck.core.spi.Model;

/**
 * How a search really runs, chosen once from the {@link SearchConfig} and the model: the search
 * reads it and never re-derives a choice. Printable ({@link #toString}: one line), and kept in
 * the {@link SearchResult} so a caller can record the effective plan.
 *
 * <p>Some settings force others. A kept state graph (liveness), DFS, exact mode and listeners
 * that want per-state events need one thread: the graph and the events name every state by an id
 * given in one-by-one search order, which the parallel BFS (ids in worker order per segment) does
 * not give; DFS is one stack; exact mode's store is not thread-safe. A kept graph also needs BFS,
 * and keeps symmetry only when the model tracks its permutations and the liveness property can
 * rename its operations. Every such override is one line in {@link #overrides()}.
 *
 * @param strategy         BFS or DFS
 * @param threads          worker threads the search uses
 * @param requestedThreads threads the config asked for
 * @param store            the seen-set
 * @param autoDisk         whether the seen-set moves to disk when the heap runs short ({@link AutoDisk}:
 *                         BFS with an in-memory fingerprint set, unless {@code --no-disk})
 * @param symmetry         whether states are canonicalised (symmetry reduction)
 * @param partialOrder     whether a state with a local action expands it alone (partial-order
 *                         reduction, {@link SearchConfig#partialOrder})
 * @param keepsGraph       whether a graph sink gets the state graph (liveness runs)
 * @param quotientGraph    whether that graph is the symmetry quotient (a permutation per edge)
 * @param events           whether listeners get per-state and per-transition events
 * @param collectAll       whether the search goes on after violations (--all)
 * @param maxStates        bound on distinct states (0: none)
 * @param maxDepth         bound on depth (0: none)
 * @param timeBudget       bound on wall-clock time (ZERO: none)
 * @param maxHeapBytes     bound on the memory the engine accounts for (0: none)
 * @param overrides        one line per requested setting the plan overrode, saying why
 */
public record SearchPlan(Strategy strategy, int threads, int requestedThreads, StoreKind store, boolean autoDisk,
                         boolean symmetry,
                         boolean partialOrder, boolean keepsGraph, boolean quotientGraph, boolean events, boolean collectAll,
                         long maxStates, int maxDepth, Duration timeBudget, long maxHeapBytes,
                         List<String> overrides) {
    public SearchPlan {
        overrides = List.copyOf(overrides);
    }

    /** The plan for searching {@code model} under {@code config}. */
    public static SearchPlan of(Model model, SearchConfig config) {
        List<String> overrides = new ArrayList<>();
        boolean graph = config.graphSink() != null;
        boolean events = false;
        for (SearchListener l : config.listeners()) {
            events |= l.wantsEvents();
        }
        // Liveness on the symmetry quotient needs the permutation of every edge (the model's
        // canonicalizeTracked) and a property that can rename its operations; otherwise a run that
        // keeps the graph explores the concrete state space.
        boolean quotientOk = !graph || (model.symmetrySlots() > 0 && config.liveness().symmetric());
        boolean symmetry = config.symmetry() && model.hasSymmetry() && quotientOk;
        if (config.symmetry() && model.hasSymmetry() && !quotientOk) {
            overrides.add("symmetry off: the liveness graph is kept concrete (the model does not track its "
                    + "permutations or the property cannot rename its operations)");
        }
        Strategy strategy = graph ? Strategy.BFS : config.strategy();
        if (strategy != config.strategy()) {
            overrides.add("BFS instead of DFS: the liveness graph is built breadth-first");
        }
        boolean disk = config.diskDir() != null && !graph && !events && !config.exact();
        if (config.diskDir() != null && !disk) {
            overrides.add("seen-set in memory, not on disk: " + (graph ? "the liveness graph needs the id of every state"
                    : config.exact() ? "exact mode stores full states" : "a listener wants per-state events"));
        }
        // Partial-order reduction keeps every safety verdict (docs/performance.md) but not the whole
        // state graph a liveness check needs, nor every violating state --all counts; its cycle
        // proviso is the breadth-first one (a reduced step must reach a new state of the next level).
        String noPor = !config.partialOrder() || !model.hasLocalActions() ? null
                : graph ? "the liveness graph must be complete"
                : strategy == Strategy.DFS ? "its cycle proviso is the breadth-first one"
                : config.collectAll() ? "--all counts every violating state of the full state space"
                : null;
        boolean partialOrder = config.partialOrder() && model.hasLocalActions() && noPor == null;
        if (noPor != null) {
            overrides.add("partial-order reduction off: " + noPor);
        }
        String single = graph ? "the liveness graph is built on one thread (its state ids are those of a "
                + "one-by-one BFS)"
                : strategy == Strategy.DFS ? "DFS runs on one thread"
                : config.exact() ? "exact mode runs on one thread"
                : disk ? "the disk seen-set runs on one thread"
                : events ? "a listener wants per-state events, delivered in search order from one thread"
                : partialOrder ? "partial-order reduction runs on one thread (which states it keeps depends on the"
                + " order they are matched in)"
                : null;
        int threads = single != null ? 1 : config.threads();
        if (threads != config.threads()) {
            overrides.add("1 thread instead of " + config.threads() + ": " + single);
        }
        StoreKind store = config.exact() ? StoreKind.EXACT
                : graph || events ? StoreKind.FINGERPRINT_IDS
                : disk ? StoreKind.DISK
                : threads > 1 ? StoreKind.CONCURRENT_FINGERPRINTS
                : StoreKind.FINGERPRINTS;
        // the automatic switch to disk moves a fingerprint-only set between BFS segments; a store
        // that keeps ids or full states stays in memory (an out-of-memory stop stays INCONCLUSIVE)
        boolean autoDisk = config.autoDisk() && strategy == Strategy.BFS
                && (store == StoreKind.FINGERPRINTS || store == StoreKind.CONCURRENT_FINGERPRINTS);
        return new SearchPlan(strategy, threads, config.threads(), store, autoDisk, symmetry, partialOrder, graph,
                graph && symmetry, events,
                config.collectAll(), config.maxStates(), config.maxDepth(), config.timeBudget(),
                config.maxHeapBytes(), overrides);
    }

    /** Whether any bound is set. */
    public boolean bounded() {
        return maxStates > 0 || maxDepth > 0 || !timeBudget.isZero() || maxHeapBytes > 0;
    }

    /** The bounds in the words of the bound-hit reasons ({@code "max-states 1000, time-limit 5s"}), or "none". */
    public String bounds() {
        List<String> b = new ArrayList<>();
        if (maxStates > 0) {
            b.add("max-states " + maxStates);
        }
        if (maxDepth > 0) {
            b.add("max-depth " + maxDepth);
        }
        if (!timeBudget.isZero()) {
            b.add("time-limit " + formatDuration(timeBudget));
        }
        if (maxHeapBytes > 0) {
            b.add("max-heap " + maxHeapBytes + " bytes");
        }
        return b.isEmpty() ? "none" : String.join(", ", b);
    }

    /** One line, e.g. {@code BFS, 2 threads, concurrent fingerprint set, symmetry on, no graph, bounds: none}. */
    @Override
    public String toString() {
        String graph = !keepsGraph ? "no graph" : quotientGraph ? "quotient graph kept" : "concrete graph kept";
        return strategy + ", " + threads + (threads == 1 ? " thread, " : " threads, ") + store.label()
                + ", symmetry " + (symmetry ? "on" : "off") + (partialOrder ? ", partial-order reduction" : "") + ", " + graph + (events ? ", per-state events" : "")
                + (collectAll ? ", all violations" : "") + ", bounds: " + bounds();
    }

    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
