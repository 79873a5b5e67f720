package tdxcheck.core.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tdxcheck.core.liveness.GraphSink;
import tdxcheck.core.property.LivenessProperty;

/**
 * How to search: strategy, threads, bounds, modes, listeners. Immutable; build with
 * {@link #builder()}. A bound of 0 means unbounded.
 *
 * <p>Some settings force others; {@link SearchPlan#of} chooses the effective values once (the
 * {@link SearchResult} carries the plan, with a line per override) and {@link SearchStats} reports them:
 * DFS, exact mode, a {@link GraphSink}, and listeners that want per-state events run on one
 * thread. With a {@link GraphSink}, symmetry reduction stays on only when the model tracks the
 * permutation its canonicalisation applies ({@code Model.symmetrySlots() > 0}) and the liveness
 * property can rename its operations ({@code LivenessProperty.symmetric()}): the sink then gets
 * the quotient graph with a permutation per edge; otherwise the graph is concrete.
 */
public final class SearchConfig {
    private final Strategy strategy;
    private final int threads;
    private final long maxStates;
    private final int maxDepth;
    private final Duration timeBudget;
    private final long maxHeapBytes;
    private final boolean exact;
    private final boolean symmetry;
    private final boolean partialOrder;
    private final boolean collectAll;
    private final long seed;
    private final long fingerprintMask;
    private final List<SearchListener> listeners;
    private final GraphSink graphSink;
    private final LivenessProperty liveness;
    private final long progressIntervalMillis;
    private final long shuffleSeed;
    private final java.nio.file.Path diskDir;
    private final long diskTableSlots;
    private final boolean autoDisk;
    private final long autoDiskBytes;
    private final java.nio.file.Path autoDiskDir;

    private SearchConfig(Builder b) {
        this.strategy = b.strategy;
        this.threads = b.threads;
        this.maxStates = b.maxStates;
        this.maxDepth = b.maxDepth;
        this.timeBudget = b.timeBudget;
        this.maxHeapBytes = b.maxHeapBytes;
        this.exact = b.exact;
        this.symmetry = b.symmetry;
        this.partialOrder = b.partialOrder;
        this.collectAll = b.collectAll;
        this.seed = b.seed;
        this.fingerprintMask = b.fingerprintMask;
        this.listeners = List.copyOf(b.listeners);
        this.graphSink = b.graphSink;
        this.liveness = b.liveness;
        this.progressIntervalMillis = b.progressIntervalMillis;
        this.shuffleSeed = b.shuffleSeed;
        this.diskDir = b.diskDir;
        this.diskTableSlots = b.diskTableSlots;
        this.autoDisk = b.autoDisk;
        this.autoDiskBytes = b.autoDiskBytes;
        this.autoDiskDir = b.autoDiskDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: BFS, one thread per processor, unbounded, symmetry on, fixed seed. */
    public static SearchConfig defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.strategy = strategy;
        b.threads = threads;
        b.maxStates = maxStates;
        b.maxDepth = maxDepth;
        b.timeBudget = timeBudget;
        b.maxHeapBytes = maxHeapBytes;
        b.exact = exact;
        b.symmetry = symmetry;
        b.partialOrder = partialOrder;
        b.collectAll = collectAll;
        b.seed = seed;
        b.fingerprintMask = fingerprintMask;
        b.listeners.addAll(listeners);
        b.graphSink = graphSink;
        b.liveness = liveness;
        b.progressIntervalMillis = progressIntervalMillis;
        b.shuffleSeed = shuffleSeed;
        b.diskDir = diskDir;
        b.diskTableSlots = diskTableSlots;
        b.autoDisk = autoDisk;
        b.autoDiskBytes = autoDiskBytes;
        b.autoDiskDir = autoDiskDir;
        return b;
    }

    public Strategy strategy() {
        return strategy;
    }

    /** Requested worker threads (the search may use fewer, see the class comment). */
    public int threads() {
        return threads;
    }

    /** Maximum number of distinct states (0 = unbounded). */
    public long maxStates() {
        return maxStates;
    }

    /** States at this depth (transitions from an initial state) are not expanded (0 = unbounded). */
    public int maxDepth() {
        return maxDepth;
    }

    /** Wall-clock budget (ZERO = unbounded). */
    public Duration timeBudget() {
        return timeBudget;
    }

    /**
     * Bound on the memory the engine accounts for itself (seen-set, per-state arrays, frontier),
     * in bytes (0 = unbounded). Deterministic, unlike the JVM heap's momentary usage.
     */
    public long maxHeapBytes() {
        return maxHeapBytes;
    }

    /** Store full states and count fingerprint collisions instead of trusting fingerprints. */
    public boolean exact() {
        return exact;
    }

    /** Use the model's symmetry reduction when it has one. */
    public boolean symmetry() {
        return symmetry;
    }

    /**
     * Partial-order reduction of the safety search ({@code --por}): a state with a local action
     * ({@code Model.isLocal}) expands that action alone when it leads to a new state. The plan
     * turns it off where it does not apply (liveness graph, DFS, {@code --all}).
     */
    public boolean partialOrder() {
        return partialOrder;
    }

    /** The {@code --all} flag: keep searching after violations and count every violating state. */
    public boolean collectAll() {
        return collectAll;
    }

    public long seed() {
        return seed;
    }

    /** Test hook: fingerprints are ANDed with this mask (all ones by default). */
    long fingerprintMask() {
        return fingerprintMask;
    }

    public List<SearchListener> listeners() {
        return listeners;
    }

    /** Receives the state graph (liveness runs), or null. */
    public GraphSink graphSink() {
        return graphSink;
    }

    /** The liveness property whose pending/progress masks go to the graph sink, or null. */
    public LivenessProperty liveness() {
        return liveness;
    }

    public long progressIntervalMillis() {
        return progressIntervalMillis;
    }

    /**
     * Swarm runs: a DFS takes each state's enabled actions in a random order drawn from this seed
     * (0: the model's order). Ids, counts and traces stay exact; only the order differs.
     */
    public long shuffleSeed() {
        return shuffleSeed;
    }

    /**
     * Past the heap: the directory of the disk seen-set ({@link DiskFingerprintSet}), which spills
     * its fingerprints to a sorted file when the heap runs short; null keeps everything in memory.
     * A search that keeps ids (liveness graph, per-state events) or full states (exact) stays in memory.
     */
    public java.nio.file.Path diskDir() {
        return diskDir;
    }

    /** Cap on the disk seen-set's in-memory table, in slots (it spills before growing past it). */
    public long diskTableSlots() {
        return diskTableSlots;
    }

    /**
     * Whether a breadth-first safety search that keeps its seen-set in memory moves it to disk
     * when the heap runs short ({@link AutoDisk}; default true, {@code --no-disk} turns it off).
     */
    public boolean autoDisk() {
        return autoDisk;
    }

    /**
     * The accounted bytes past which {@link AutoDisk} moves the seen-set to disk (0: a share of the
     * heap limit; tests force a small value).
     */
    public long autoDiskBytes() {
        return autoDiskBytes;
    }

    /** Where {@link AutoDisk} makes its temporary directory (default: {@code java.io.tmpdir}). */
    public java.nio.file.Path autoDiskDir() {
        return autoDiskDir != null ? autoDiskDir : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
    }

    public static final class Builder {
        private Strategy strategy = Strategy.BFS;
        private int threads = Runtime.getRuntime().availableProcessors();
        private long maxStates;
        private int maxDepth;
        private Duration timeBudget = Duration.ZERO;
        private long maxHeapBytes;
        private boolean exact;
        private boolean symmetry = true;
        private boolean partialOrder;
        private boolean collectAll;
        private long seed = Fingerprint.DEFAULT_SEED;
        private long fingerprintMask = -1L;
        private final List<SearchListener> listeners = new ArrayList<>();
        private GraphSink graphSink;
        private LivenessProperty liveness;
        private long progressIntervalMillis = 3000;
        private long shuffleSeed;
        private java.nio.file.Path diskDir;
        private long diskTableSlots = Fingerprint.MAX_CAPACITY;
        private boolean autoDisk = true;
        private long autoDiskBytes;
        private java.nio.file.Path autoDiskDir;

        private Builder() {
        }

        public Builder strategy(Strategy s) {
            if (s == null) {
                throw new IllegalArgumentException("strategy must not be null");
            }
            this.strategy = s;
            return this;
        }

        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + n);
            }
            this.threads = n;
            return this;
        }

        public Builder maxStates(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("max-states must not be negative, got " + n);
            }
            this.maxStates = n;
            return this;
        }

        public Builder maxDepth(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("max-depth must not be negative, got " + n);
            }
            this.maxDepth = n;
            return this;
        }

        public Builder timeBudget(Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("time budget must be zero or positive");
            }
            this.timeBudget = d;
            return this;
        }

        public Builder maxHeapBytes(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("max heap bytes must not be negative, got " + n);
            }
            this.maxHeapBytes = n;
            return this;
        }

        public Builder exact(boolean on) {
            this.exact = on;
            return this;
        }

        public Builder symmetry(boolean on) {
            this.symmetry = on;
            return this;
        }

        public Builder partialOrder(boolean on) {
            this.partialOrder = on;
            return this;
        }

        public Builder collectAll(boolean on) {
            this.collectAll = on;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Test hook: a deliberately weak fingerprint (e.g. mask 3 leaves four values). */
        Builder fingerprintMask(long mask) {
            this.fingerprintMask = mask;
            return this;
        }

        public Builder listener(SearchListener l) {
            if (l == null) {
                throw new IllegalArgumentException("listener must not be null");
            }
            listeners.add(l);
            return this;
        }

        /** Liveness runs: receive the graph; {@code property} computes its masks. */
        public Builder graph(GraphSink sink, LivenessProperty property) {
            if ((sink == null) != (property == null)) {
                throw new IllegalArgumentException("a graph sink needs its liveness property and vice versa");
            }
            this.graphSink = sink;
            this.liveness = property;
            return this;
        }

        public Builder progressIntervalMillis(long ms) {
            if (ms < 1) {
                throw new IllegalArgumentException("progress interval must be positive");
            }
            this.progressIntervalMillis = ms;
            return this;
        }

        /** Swarm runs: DFS in a random action order from {@code seed} (0: the model's order). */
        public Builder shuffleSeed(long seed) {
            this.shuffleSeed = seed;
            return this;
        }

        /** Past the heap: the disk seen-set in {@code dir} (null: in memory). */
        public Builder disk(java.nio.file.Path dir) {
            this.diskDir = dir;
            return this;
        }

        /**
         * The disk seen-set in {@code dir} with its in-memory table capped at {@code tableSlots}
         * (at least 1024): it spills whenever the table fills, not only when the heap runs short
         * (tests force spills this way).
         */
        public Builder disk(java.nio.file.Path dir, long tableSlots) {
            if (tableSlots < 1024) {
                throw new IllegalArgumentException("disk table needs at least 1024 slots, got " + tableSlots);
            }
            this.diskDir = dir;
            this.diskTableSlots = tableSlots;
            return this;
        }

        /** Whether the seen-set moves to disk when the heap runs short (default true; false: --no-disk). */
        public Builder autoDisk(boolean on) {
            this.autoDisk = on;
            return this;
        }

        /**
         * Moves the seen-set to disk once the accounted bytes would pass {@code bytes} (0: a share
         * of the heap limit); tests force an early switch with a small value.
         */
        public Builder autoDiskAt(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("autoDiskAt must be >= 0, got " + bytes);
            }
            this.autoDiskBytes = bytes;
            return this;
        }

        /** Where the automatic switch makes its temporary directory (null: {@code java.io.tmpdir}). */
        public Builder autoDiskDir(java.nio.file.Path dir) {
            this.autoDiskDir = dir;
            return this;
        }

        public SearchConfig build() {
            return new SearchConfig(this);
        }
    }
}
