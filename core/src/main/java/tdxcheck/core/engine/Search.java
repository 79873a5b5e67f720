package tdxcheck.core.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tdxcheck.core.liveness.GraphSink;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.spi.Model;
import tdxcheck.core.spi.Permutation;
import tdxcheck.core.property.DeadlockFreedom;
import tdxcheck.core.property.LivenessProperty;
import tdxcheck.core.property.Property;
import tdxcheck.core.property.PropertyKind;
import tdxcheck.core.property.StateInvariant;
import tdxcheck.core.property.TransitionCheck;
import tdxcheck.reports.result.Verdict;

/**
 * The exhaustive explicit-state search: BFS (single-threaded, or level-synchronous with N
 * workers) and iterative DFS over a {@link Model}, checking {@link StateInvariant}s on every new
 * state, {@link TransitionCheck}s on every generated transition and {@link DeadlockFreedom} on
 * every expanded state, with state matching on 64-bit fingerprints (or full states in exact
 * mode), symmetry reduction, bounds, listeners and trace reconstruction.
 *
 * <h2>Shape</h2>
 * <ul>
 *   <li>States get ids 0, 1, 2, ... in BFS order (DFS: discovery order); per id the engine keeps
 *   the parent id and the action (for an initial state: parent -1 and its initial index), in
 *   {@link IntChunks}. States themselves live only in the frontier (BFS) or on the stack (DFS);
 *   exact mode also keeps them in the {@link ExactStore}.</li>
 *   <li>BFS processes a level in segments. Each {@link Worker} expands states of the current
 *   segment (taking chunks of {@value #WORK_CHUNK} from a shared cursor) in batches (see
 *   {@code Worker.expandBatch}: successors first, then the seen-set probes together so their
 *   cache misses overlap), and appends new states to its own buffer. At the barrier after a
 *   segment the new states get ids by concatenating the buffers in worker order (each worker
 *   copies its own into the next frontier and the per-id arrays), the main thread merges the
 *   workers' counters and violations, and grows the concurrent seen-set so the next segment
 *   cannot overflow it.</li>
 *   <li>With symmetry, successors are canonicalised; a liveness run on the symmetry quotient
 *   also hands the graph sink the permutation of every edge.</li>
 *   <li>A violation is recorded as (state id, action): the path to the state, then the action
 *   (-1 when the state itself is the violating one: deadlock, or an invariant-breaking initial
 *   state). So a violation never needs an id for a state that has not been committed yet.</li>
 *   <li>The hot path allocates nothing: successors go into per-worker buffers, listeners are
 *   called per state or transition only when one asks for it, the clock is read every
 *   {@value #CLOCK_MASK}+1 expansions.</li>
 * </ul>
 */
public final class Search {
    private static final int WORK_CHUNK = 128;
    private static final int BATCH_STATES = 32;
    private static final int BATCH_SUCCESSORS = 256;
    private static final int MAX_SEGMENT = 1 << 17;
    private static final int PARALLEL_MIN = 512;
    private static final int CLOCK_MASK = 1023;
    private static final int MAX_IDS = Integer.MAX_VALUE - 64;

    private static final int STORE_PLAIN = 0;
    private static final int STORE_CONCURRENT = 1;
    private static final int STORE_ID_MAP = 2;
    private static final int STORE_EXACT = 3;

    private static final int B_STATES = 1;
    private static final int B_DEPTH = 2;
    private static final int B_TIME = 4;
    private static final int B_MEMORY = 8;
    private static final int B_OOM = 16;
    private static final int B_IDS = 32;

    // ---- fixed configuration ----
    private final Model model;
    private final SearchConfig config;
    private final List<Property> properties;
    private final int words;
    private final int maxEnabled;
    private final int actorCount;
    private final StateInvariant[] invariants;
    private final int[] invariantProp;
    private final TransitionCheck[] checks;
    private final int[] checkProp;
    private final int deadlockProp;
    private final int checkedCount;
    private final boolean symmetry;
    private final boolean trackPermutations;
    private final boolean collectAll;
    private final boolean events;
    private final SearchListener[] listeners;
    private final GraphSink sink;
    private final LivenessProperty liveness;
    private final long seed;
    private final long fpMask;
    private final Strategy strategy;
    private final int threads;
    private final int store;
    private final boolean limited;
    private final long maxStates;
    private final int maxDepth;
    private final long maxHeap;
    private final long budgetNanos;
    private final long progressNanos;

    // ---- state store ----
    private FingerprintSet set;
    private ConcurrentFingerprintSet cset;
    private FingerprintIdMap idMap;
    private ExactStore exactStore;
    private final IntChunks parent = new IntChunks();
    private final IntChunks action = new IntChunks();
    private StateArray cur;
    private StateArray nxt;
    /** Parallel segments: the workers meet here, then copy their new states out themselves. */
    private CyclicBarrier copyBarrier;
    private Worker[] workerList;
    private long dfsStackBytes;

    // ---- progress of the search (main thread unless noted) ----
    private int count;
    private long generated;
    private int maxDepthSeen;
    private long startNanos;
    private long deadline;
    private long nextProgress;
    private long peakStoreBytes;
    private long peakSeenBytes;
    private volatile long queued;
    private final AtomicLong statesLeft = new AtomicLong();
    private volatile boolean stop;
    private int bounds;
    private boolean allViolated;

    // ---- violations: merged records (main thread), and the first-violation flags (locked) ----
    private final long[] vCount;
    private final int[] vState;
    private final int[] vAction;
    private final int[] vOrd;
    private final long[][] vWords;
    private final boolean[] globallyViolated;
    private int violatedProps;

    private Search(Model model, List<? extends Property> props, SearchConfig config) {
        this.model = model;
        this.config = config;
        this.properties = List.copyOf(props);
        this.words = model.stateWords();
        if (words < 1) {
            throw new IllegalArgumentException(model.name() + ": stateWords must be at least 1");
        }
        this.maxEnabled = Math.max(1, model.maxEnabled());
        this.actorCount = model.actorCount();

        int p = properties.size();
        List<StateInvariant> inv = new ArrayList<>();
        List<Integer> invIdx = new ArrayList<>();
        List<TransitionCheck> tc = new ArrayList<>();
        List<Integer> tcIdx = new ArrayList<>();
        int dl = -1;
        int checked = 0;
        for (int i = 0; i < p; i++) {
            Property prop = properties.get(i);
            if (prop instanceof StateInvariant s) {
                inv.add(s);
                invIdx.add(i);
                checked++;
            } else if (prop instanceof TransitionCheck t) {
                tc.add(t);
                tcIdx.add(i);
                checked++;
            } else if (prop instanceof DeadlockFreedom) {
                if (dl >= 0) {
                    throw new IllegalArgumentException("two deadlock-freedom properties: " + prop.id());
                }
                dl = i;
                checked++;
            }
        }
        this.invariants = inv.toArray(new StateInvariant[0]);
        this.invariantProp = invIdx.stream().mapToInt(Integer::intValue).toArray();
        this.checks = tc.toArray(new TransitionCheck[0]);
        this.checkProp = tcIdx.stream().mapToInt(Integer::intValue).toArray();
        this.deadlockProp = dl;
        this.checkedCount = checked;

        this.listeners = config.listeners().toArray(new SearchListener[0]);
        boolean ev = false;
        for (SearchListener l : listeners) {
            ev |= l.wantsEvents();
        }
        this.events = ev;
        this.sink = config.graphSink();
        this.liveness = config.liveness();
        // Liveness on the symmetry quotient needs the permutation of every edge (the model's
        // canonicalizeTracked) and a property that can rename its operations; otherwise a run that
        // keeps the graph explores the concrete state space.
        boolean quotientLiveness = sink == null || (model.symmetrySlots() > 0 && liveness.symmetric());
        this.symmetry = config.symmetry() && model.hasSymmetry() && quotientLiveness;
        this.trackPermutations = symmetry && sink != null;
        this.collectAll = config.collectAll();
        this.seed = config.seed();
        this.fpMask = config.fingerprintMask();
        this.strategy = sink != null ? Strategy.BFS : config.strategy();
        boolean single = strategy == Strategy.DFS || config.exact() || sink != null || events;
        this.threads = single ? 1 : config.threads();
        if (config.exact()) {
            this.store = STORE_EXACT;
        } else if (sink != null || events) {
            this.store = STORE_ID_MAP;
        } else if (threads > 1) {
            this.store = STORE_CONCURRENT;
        } else {
            this.store = STORE_PLAIN;
        }
        this.maxStates = config.maxStates();
        this.limited = maxStates > 0;
        this.maxDepth = config.maxDepth();
        this.maxHeap = config.maxHeapBytes();
        Duration tb = config.timeBudget();
        this.budgetNanos = tb.isZero() ? 0 : saturatedNanos(tb);
        this.progressNanos = config.progressIntervalMillis() * 1_000_000L;

        this.vCount = new long[p];
        this.vState = new int[p];
        this.vAction = new int[p];
        this.vOrd = new int[p];
        this.vWords = new long[p][];
        this.globallyViolated = new boolean[p];
    }

    private static long saturatedNanos(Duration d) {
        try {
            return Math.max(1, d.toNanos());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    /**
     * Explores {@code model} and decides {@code properties} (liveness properties are left
     * undecided: give the config a graph sink and run the liveness checker on the graph).
     */
    public static SearchResult run(Model model, List<? extends Property> properties, SearchConfig config) {
        return new Search(model, properties, config).execute();
    }

    /** Explores a scenario's model and decides its properties. */
    public static SearchResult run(CheckTarget target, SearchConfig config) {
        return run(target.model(), target.properties(), config);
    }

    // =====================================================================================
    // Driver
    // =====================================================================================

    private SearchResult execute() {
        for (SearchListener l : listeners) {
            l.searchStarted(model, config);
        }
        startNanos = System.nanoTime();
        deadline = budgetNanos == 0 ? 0 : startNanos + budgetNanos;
        nextProgress = startNanos + progressNanos;
        statesLeft.set(limited ? maxStates : Long.MAX_VALUE);
        // start small (tiny models stay tiny); the tables grow by half at 3/4 load
        long expected = limited ? Math.min(maxStates, 64) : 64;
        switch (store) {
            case STORE_PLAIN -> set = new FingerprintSet(expected);
            case STORE_CONCURRENT -> cset = new ConcurrentFingerprintSet(expected);
            case STORE_ID_MAP -> idMap = new FingerprintIdMap(expected);
            default -> exactStore = new ExactStore(words, expected);
        }
        cur = new StateArray(words);
        nxt = new StateArray(words);

        Worker[] workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(i == 0);
        }
        workerList = workers;
        if (threads > 1) {
            copyBarrier = new CyclicBarrier(threads, this::prepareCopyOut);
        }
        ExecutorService pool = null;
        try {
            if (threads > 1) {
                AtomicInteger n = new AtomicInteger();
                pool = Executors.newFixedThreadPool(threads - 1, r -> {
                    Thread t = new Thread(r, "tdxcheck-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
            }
            addInitialStates(workers);
            if (strategy == Strategy.DFS) {
                dfs(workers[0]);
            } else {
                bfs(workers, pool);
            }
        } catch (OutOfMemoryError e) {
            for (Worker w : workers) {
                w.release();
            }
            cur = null;
            nxt = null;
            hitBound(B_OOM);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        for (Worker w : workers) {
            merge(w);
        }
        long elapsed = System.nanoTime() - startNanos;
        updatePeak();
        SearchStats stats = snapshot(elapsed, 0);
        List<PropertyOutcome> outcomes = outcomes();
        String reason = bounds == 0 ? null : boundReason();
        SearchResult result = new SearchResult(model, config, outcomes, stats, reason, bounds == 0 && !allViolated);
        for (SearchListener l : listeners) {
            l.finished(result);
        }
        return result;
    }

    private void addInitialStates(Worker[] workers) {
        Worker w = workers[0];
        int n = model.initialStateCount();
        if (n < 1) {
            throw new IllegalArgumentException(model.name() + ": a model needs at least one initial state");
        }
        if (cset != null) {
            cset.ensureRoom(n);
        }
        for (int i = 0; i < n && !stop; i++) {
            model.initialState(i, w.succ);
            if (w.successor(-1, -1, i, null, w.succ, 0)) {
                w.append(-1, i);
            }
        }
        commit(workers, cur);
    }

    private void bfs(Worker[] workers, ExecutorService pool) {
        int levelStart = 0;
        int depth = 0;
        while (cur.size() > 0 && !stop) {
            boolean atMax = maxDepth > 0 && depth >= maxDepth;
            int levelSize = cur.size();
            int pos = 0;
            while (pos < levelSize && !stop) {
                int seg = Math.min(levelSize - pos, MAX_SEGMENT);
                long room = Long.MAX_VALUE;
                if (cset != null) {
                    // the concurrent set cannot grow during a segment: every worker must be able to
                    // insert all successors of a chunk; a worker that has used its share of the
                    // room takes no further chunk, and the segment ends where the chunks taken end
                    room = cset.reserve((long) threads * WORK_CHUNK * maxEnabled);
                }
                if (!limited && (long) count + (long) seg * maxEnabled > MAX_IDS) {
                    hitBound(B_IDS);
                    break;
                }
                queued = (long) (levelSize - pos) + nxt.size();
                int end = runSegment(workers, pool, levelStart, pos, pos + seg, depth, atMax, room);
                commit(workers, nxt);
                pos = end;
                if (nxt.size() > 0 && depth + 1 > maxDepthSeen) {
                    maxDepthSeen = depth + 1;
                }
                mainClock(workers[0]);
            }
            levelStart += levelSize;
            StateArray t = cur;
            cur = nxt;
            nxt = t;
            nxt.clear();
            depth++;
        }
        queued = cur == null ? 0 : cur.size();
    }

    /**
     * Expands frontier states {@code from ..} up to {@code to} (fewer when the workers' shares of
     * {@code room}, the insertions the seen-set can take, run out) and returns where it stopped.
     */
    private int runSegment(Worker[] workers, ExecutorService pool, int levelStart, int from, int to, int depth,
                           boolean atMax, long room) {
        AtomicInteger cursor = new AtomicInteger(from);
        boolean parallel = pool != null && to - from >= PARALLEL_MIN;
        long budget = room == Long.MAX_VALUE ? room : room / (parallel ? workers.length : 1);
        for (Worker w : workers) {
            w.segment(cur, levelStart, to, depth, atMax, cursor, parallel, budget);
        }
        if (!parallel) {
            workers[0].run();
        } else {
            Future<?>[] fs = new Future<?>[workers.length - 1];
            for (int i = 1; i < workers.length; i++) {
                fs[i - 1] = pool.submit(workers[i]);
            }
            workers[0].run();
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop = true;
                    throw new IllegalStateException("search interrupted", e);
                } catch (ExecutionException e) {
                    stop = true;
                    rethrow(e.getCause());
                }
            }
        }
        for (Worker w : workers) {
            if (w.failure != null) {
                rethrow(w.failure);
            }
        }
        return Math.min(cursor.get(), to);
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /**
     * Barrier action of a parallel segment (runs in the last worker to arrive): gives each
     * worker's new states their ids and frontier positions in worker order and makes room for
     * them, so that every worker can copy its own out in parallel ({@link Worker#copyOut}).
     */
    private void prepareCopyOut() {
        long total = 0;
        for (Worker w : workerList) {
            w.copyId = (int) (count + total);
            w.copyPos = (int) (nxt.size() + total);
            total += w.outCount;
        }
        if (total > 0) {
            parent.ensureIndex((int) (count + total - 1));
            action.ensureIndex((int) (count + total - 1));
            nxt.extend((int) total);
        }
        for (Worker w : workerList) {
            w.copied = true;
        }
    }

    /** Barrier: ids for the workers' new states in worker order, counters and violations merged. */
    private void commit(Worker[] workers, StateArray into) {
        long inserted = 0;
        for (Worker w : workers) {
            int n = w.outCount;
            if (w.copied) {
                count += n; // the worker has copied them out itself (prepareCopyOut)
                w.copied = false;
            } else {
                long[] ow = w.outWords;
                for (int j = 0; j < n; j++) {
                    int id = count++;
                    parent.set(id, w.outParent[j]);
                    action.set(id, w.outAction[j]);
                    into.add(ow, j * words);
                }
            }
            w.outCount = 0;
            inserted += w.inserted;
            w.inserted = 0;
            merge(w);
        }
        if (cset != null) {
            cset.addSize(inserted);
        }
        updatePeak();
    }

    private void merge(Worker w) {
        generated += w.generated;
        w.generated = 0;
        if (w.depthCut) {
            w.depthCut = false;
            hitBound(B_DEPTH);
        }
        for (int p = 0; p < vCount.length; p++) {
            if (w.vCount[p] > 0) {
                vCount[p] += w.vCount[p];
                if (vWords[p] == null || w.vState[p] < vState[p]
                        || (w.vState[p] == vState[p] && w.vOrd[p] < vOrd[p])) {
                    vState[p] = w.vState[p];
                    vAction[p] = w.vAction[p];
                    vOrd[p] = w.vOrd[p];
                    vWords[p] = w.vWords[p];
                }
                w.vCount[p] = 0;
                w.vWords[p] = null;
            }
            if (!collectAll && globallyViolated[p]) {
                w.skip[p] = true;
            }
        }
    }

    private void dfs(Worker w) {
        int me = maxEnabled;
        int cap = 64;
        long[] sw = new long[cap * words];
        int[] se = new int[cap * me];
        int[] sn = new int[cap];
        int[] sp = new int[cap];
        int[] sid = new int[cap];
        long[] src = w.src;
        long[] succ = w.succ;
        int roots = count;
        for (int r = 0; r < roots && !stop; r++) {
            cur.get(r, src);
            int top = 0;
            System.arraycopy(src, 0, sw, 0, words);
            sn[0] = w.prepare(r, src, maxDepth > 0 && 0 >= maxDepth);
            System.arraycopy(w.enabled, 0, se, 0, sn[0]);
            sp[0] = 0;
            sid[0] = r;
            while (top >= 0 && !stop) {
                if (sp[top] == sn[top]) {
                    top--;
                    continue;
                }
                int k = sp[top]++;
                int a = se[top * me + k];
                System.arraycopy(sw, top * words, src, 0, words);
                model.next(src, a, succ);
                if (w.successor(sid[top], k, a, src, succ, top + 1)) {
                    int id = count++;
                    parent.set(id, sid[top]);
                    action.set(id, a);
                    top++;
                    if (top == cap) {
                        cap *= 2;
                        sw = Arrays.copyOf(sw, cap * words);
                        se = Arrays.copyOf(se, cap * me);
                        sn = Arrays.copyOf(sn, cap);
                        sp = Arrays.copyOf(sp, cap);
                        sid = Arrays.copyOf(sid, cap);
                        dfsStackBytes = (long) cap * (words * 8L + me * 4L + 12);
                    }
                    if (top > maxDepthSeen) {
                        maxDepthSeen = top;
                    }
                    System.arraycopy(succ, 0, sw, top * words, words);
                    int n = w.prepare(id, succ, maxDepth > 0 && top >= maxDepth);
                    System.arraycopy(w.enabled, 0, se, top * me, n);
                    sn[top] = n;
                    sp[top] = 0;
                    sid[top] = id;
                    queued = top + 1;
                    if (w.depthCut) {
                        w.depthCut = false;
                        hitBound(B_DEPTH);
                    }
                }
            }
        }
        queued = 0;
    }

    // =====================================================================================
    // Bounds, clock, progress, first violations (rare paths)
    // =====================================================================================

    private synchronized void hitBound(int flag) {
        if ((bounds & flag) == 0) {
            bounds |= flag;
            for (SearchListener l : listeners) {
                l.boundHit(boundName(flag));
            }
        }
        if (flag != B_DEPTH) {
            stop = true;
        }
    }

    private synchronized void firstViolation(int p, int stateId, int act) {
        if (globallyViolated[p]) {
            return;
        }
        globallyViolated[p] = true;
        violatedProps++;
        for (SearchListener l : listeners) {
            l.violation(properties.get(p), stateId, act);
        }
        if (violatedProps == checkedCount && !collectAll && sink == null) {
            allViolated = true;
            stop = true;
        }
    }

    /** Every worker: the time bound. Main worker: also memory and progress. */
    private void clock(Worker w) {
        long now = System.nanoTime();
        if (deadline != 0 && now - deadline >= 0) {
            hitBound(B_TIME);
        }
        if (w.main) {
            mainClock(w, now);
        }
    }

    private void mainClock(Worker w) {
        long now = System.nanoTime();
        if (deadline != 0 && now - deadline >= 0) {
            hitBound(B_TIME);
        }
        mainClock(w, now);
    }

    private void mainClock(Worker w, long now) {
        if (maxHeap > 0 && accountedBytes() > maxHeap) {
            hitBound(B_MEMORY);
        }
        if (now - nextProgress >= 0) {
            nextProgress = now + progressNanos;
            emitProgress(snapshot(now - startNanos, w.outCount));
        }
    }

    private synchronized void emitProgress(SearchStats s) {
        for (SearchListener l : listeners) {
            l.progress(s);
        }
    }

    private long storeBytes() {
        return parent.bytes() + action.bytes() + seenSetBytes();
    }

    private long seenSetBytes() {
        long b = 0;
        if (set != null) {
            b += set.bytes();
        }
        if (cset != null) {
            b += cset.bytes();
        }
        if (idMap != null) {
            b += idMap.bytes();
        }
        if (exactStore != null) {
            b += exactStore.bytes();
        }
        return b;
    }

    private long accountedBytes() {
        long b = storeBytes() + dfsStackBytes;
        if (cur != null) {
            b += cur.bytes();
        }
        if (nxt != null) {
            b += nxt.bytes();
        }
        return b;
    }

    private void updatePeak() {
        long b = storeBytes();
        if (b > peakStoreBytes) {
            peakStoreBytes = b;
        }
        long s = seenSetBytes();
        if (s > peakSeenBytes) {
            peakSeenBytes = s;
        }
    }

    private SearchStats snapshot(long elapsedNanos, int uncommitted) {
        double seconds = elapsedNanos / 1e9;
        long distinct = (long) count + uncommitted;
        double rate = seconds > 0 ? distinct / seconds : 0;
        long collisions = exactStore == null ? 0 : exactStore.collisions();
        return new SearchStats(distinct, generated, maxDepthSeen, seconds, rate, threads, symmetry, collisions,
                Math.max(peakStoreBytes, storeBytes()), queued, Math.max(peakSeenBytes, seenSetBytes()));
    }

    private String boundName(int flag) {
        return switch (flag) {
            case B_STATES -> "max-states " + maxStates;
            case B_DEPTH -> "max-depth " + maxDepth;
            case B_TIME -> "time-limit " + formatDuration(config.timeBudget());
            case B_MEMORY -> "max-heap " + maxHeap + " bytes";
            case B_OOM -> "out of memory";
            default -> "state ids exhausted (2^31 states)";
        };
    }

    private String boundReason() {
        StringBuilder sb = new StringBuilder("bound hit: ");
        boolean first = true;
        for (int flag = 1; flag <= B_IDS; flag <<= 1) {
            if ((bounds & flag) != 0) {
                if (!first) {
                    sb.append(", ");
                }
                sb.append(boundName(flag));
                first = false;
            }
        }
        return sb.append(" (").append(count).append(" states explored)").toString();
    }

    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    // =====================================================================================
    // Outcomes and traces
    // =====================================================================================

    private List<PropertyOutcome> outcomes() {
        List<PropertyOutcome> out = new ArrayList<>(properties.size());
        String reason = bounds == 0 ? null : boundReason();
        for (int p = 0; p < properties.size(); p++) {
            Property prop = properties.get(p);
            if (prop instanceof LivenessProperty) {
                out.add(new PropertyOutcome(prop, false, Verdict.INCONCLUSIVE,
                        "liveness is decided by the liveness checker, not by the safety search", 0, null));
            } else if (vCount[p] > 0) {
                Trace t = TraceBuilder.build(model, symmetry, parent, action, vState[p], vAction[p], vWords[p],
                        prop.kind());
                long n = collectAll ? vCount[p] : 1;
                out.add(new PropertyOutcome(prop, true, Verdict.VIOLATED, Summary.of(model, prop, t), n, t));
            } else if (reason != null) {
                out.add(new PropertyOutcome(prop, true, Verdict.INCONCLUSIVE, reason, 0, null));
            } else if (allViolated) {
                throw new IllegalStateException("search stopped early but " + prop.id() + " is not violated");
            } else {
                out.add(new PropertyOutcome(prop, true, Verdict.HOLDS, "", 0, null));
            }
        }
        return out;
    }

    // =====================================================================================
    // The hot path
    // =====================================================================================

    /** One search thread's buffers, counters and violation records. */
    private final class Worker implements Runnable {
        final boolean main;
        final long[] src = new long[words];
        final long[] succ = new long[words];
        final int[] enabled = new int[maxEnabled];

        // ---- the batch: successors of up to BATCH_STATES frontier states, matched together ----
        final int batchCap = Math.max(BATCH_SUCCESSORS, maxEnabled);
        final int[] batchSrcId = new int[BATCH_STATES];
        /** The batch's successors, one small array each: computed in place, matched in place. */
        final long[][] batchStates = new long[batchCap][words];
        final long[] batchFp = new long[batchCap];
        final int[] batchAction = new int[batchCap];
        final int[] batchOrd = new int[batchCap];
        final int[] batchFrom = new int[batchCap];
        final int[] batchPerm = new int[batchCap];
        final int[] batchProgress = new int[batchCap];

        long[] outWords = new long[64 * words];
        int[] outParent = new int[64];
        int[] outAction = new int[64];
        int outCount;

        long generated;
        long expanded;
        long inserted;
        boolean depthCut;
        Throwable failure;
        /** Sink for the prefetching loads, so the JIT keeps them. */
        long touched;

        final long[] vCount = new long[properties.size()];
        final int[] vState = new int[properties.size()];
        final int[] vAction = new int[properties.size()];
        final int[] vOrd = new int[properties.size()];
        final long[][] vWords = new long[properties.size()][];
        final boolean[] skip = new boolean[properties.size()];

        private StateArray frontier;
        private int levelStart;
        private int segEnd;
        private int depth;
        private boolean atMax;
        private AtomicInteger cursor;
        private boolean parallel;
        /** Insertions this worker may make in the current segment (the concurrent set does not grow). */
        private long insertBudget;
        /** Set by {@link #prepareCopyOut}: where this worker's new states go. */
        int copyId;
        int copyPos;
        boolean copied;
        /** Keeps the next worker's hot fields off the cache lines of this worker's arrays. */
        @SuppressWarnings("unused")
        private final long[] padding = new long[16];

        Worker(boolean main) {
            this.main = main;
        }

        void segment(StateArray f, int levelStart, int segEnd, int depth, boolean atMax, AtomicInteger cursor,
                     boolean parallel, long insertBudget) {
            this.parallel = parallel;
            this.insertBudget = insertBudget;
            this.frontier = f;
            this.levelStart = levelStart;
            this.segEnd = segEnd;
            this.depth = depth;
            this.atMax = atMax;
            this.cursor = cursor;
            this.failure = null;
        }

        void release() {
            outWords = new long[words];
            outParent = new int[1];
            outAction = new int[1];
            outCount = 0;
            frontier = null;
        }

        @Override
        public void run() {
            try {
                long chunkMax = (long) WORK_CHUNK * maxEnabled;
                while (!stop && inserted + chunkMax <= insertBudget) {
                    int from = cursor.getAndAdd(WORK_CHUNK);
                    if (from >= segEnd) {
                        break;
                    }
                    int to = Math.min(segEnd, from + WORK_CHUNK);
                    int i = from;
                    while (i < to && !stop) {
                        i = expandBatch(i, to);
                    }
                }
            } catch (Throwable t) {
                failure = t;
                stop = true;
            }
            if (parallel) {
                // every worker arrives, also after a failure, so that no one waits forever
                try {
                    copyBarrier.await();
                    copyOut();
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                    stop = true;
                }
            }
        }

        /** After {@link #prepareCopyOut}: this worker's new states into the frontier and the per-id arrays. */
        private void copyOut() {
            int n = outCount;
            int id = copyId;
            int pos = copyPos;
            for (int j = 0; j < n; j++) {
                parent.set(id + j, outParent[j]);
                action.set(id + j, outAction[j]);
                nxt.put(pos + j, outWords, j * words);
            }
        }

        /**
         * BFS: expands frontier states {@code from ..} (at most {@value #BATCH_STATES}, and no more
         * than fit the successor buffers) and returns the index after the last one expanded.
         *
         * <p>Three phases, so the seen-set's cache misses overlap instead of queueing: (1) every
         * successor is computed, canonicalised, checked against the transition properties and
         * fingerprinted; (2) the seen-set slot of every fingerprint is touched; (3) in the order
         * of (1), each successor is matched and, if new, checked and appended. Matching in the same
         * order as a one-by-one expansion keeps ids, counts and first violations identical.
         */
        private int expandBatch(int from, int to) {
            final int w = words;
            final long[] st = src;
            final boolean track = trackPermutations;
            int ns = 0;
            int nb = 0;
            int i = from;
            while (i < to && nb < BATCH_STATES && ns + maxEnabled <= batchCap) {
                frontier.get(i, st);
                int id = levelStart + i;
                i++;
                int n = prepare(id, st, atMax);
                if (n == 0) {
                    continue;
                }
                batchSrcId[nb] = id;
                int[] en = enabled;
                for (int k = 0; k < n; k++) {
                    int a = en[k];
                    long[] nx = batchStates[ns];
                    model.next(st, a, nx);
                    int perm = Permutation.IDENTITY;
                    if (sink != null) {
                        batchProgress[ns] = liveness.progressMask(st, a, nx);
                    }
                    if (track) {
                        perm = model.canonicalizeTracked(nx);
                    } else if (symmetry) {
                        model.canonicalize(nx);
                    }
                    checkTransition(id, k, a, st, nx);
                    batchFp[ns] = Fingerprint.of(nx, w, seed) & fpMask;
                    batchAction[ns] = a;
                    batchOrd[ns] = k;
                    batchFrom[ns] = nb;
                    batchPerm[ns] = perm;
                    ns++;
                }
                nb++;
                if (stop) {
                    return i;
                }
            }
            touch(ns);
            int d = depth + 1;
            for (int j = 0; j < ns && !stop; j++) {
                long[] nx = batchStates[j];
                int srcId = batchSrcId[batchFrom[j]];
                int a = batchAction[j];
                if (admit(srcId, a, batchOrd[j], nx, d, batchFp[j], batchPerm[j], batchProgress[j])) {
                    append(srcId, a, nx);
                }
            }
            return i;
        }

        /** Phase 2 of {@link #expandBatch}: one load per fingerprint's home slot. */
        private void touch(int ns) {
            long acc = 0;
            long[] fps = batchFp;
            switch (store) {
                case STORE_PLAIN -> {
                    for (int j = 0; j < ns; j++) {
                        acc += set.touch(fps[j]);
                    }
                }
                case STORE_CONCURRENT -> {
                    for (int j = 0; j < ns; j++) {
                        acc += cset.touch(fps[j]);
                    }
                }
                case STORE_ID_MAP -> {
                    for (int j = 0; j < ns; j++) {
                        acc += idMap.touch(fps[j]);
                    }
                }
                default -> {
                }
            }
            touched += acc;
        }

        /**
         * Computes the enabled actions of state {@code id} into {@link #enabled} and returns how
         * many to expand: 0 for a terminal state (after the deadlock check) or a state at the
         * depth bound (then {@link #depthCut} is set if it had successors).
         */
        int prepare(int id, long[] st, boolean cut) {
            int n = model.enabledActions(st, enabled);
            if ((++expanded & CLOCK_MASK) == 0) {
                clock(this);
            }
            if (n == 0) {
                if (deadlockProp >= 0 && !skip[deadlockProp]) {
                    for (int actor = 0; actor < actorCount; actor++) {
                        if (!model.isFinished(st, actor)) {
                            violation(deadlockProp, id, -1, -1, st);
                            break;
                        }
                    }
                }
                return 0;
            }
            if (cut) {
                depthCut = true;
                return 0;
            }
            generated += n;
            return n;
        }

        /** The transition properties on {@code srcId -a-> nx} ({@code nx} already canonical). */
        private void checkTransition(int srcId, int ord, int a, long[] st, long[] nx) {
            TransitionCheck[] tc = checks;
            for (int c = 0; c < tc.length; c++) {
                int p = checkProp[c];
                if (!skip[p] && !tc[c].allowed(st, a, nx)) {
                    violation(p, srcId, a, ord, nx);
                }
            }
        }

        /**
         * DFS and initial states: a generated transition {@code srcId -a-> nx} ({@code ord}: a's
         * position among the enabled), matched at once.
         */
        boolean successor(int srcId, int ord, int a, long[] st, long[] nx, int d) {
            int progress = sink != null && srcId >= 0 ? liveness.progressMask(st, a, nx) : 0;
            int perm = Permutation.IDENTITY;
            if (trackPermutations) {
                perm = model.canonicalizeTracked(nx);
            } else if (symmetry) {
                model.canonicalize(nx);
            }
            if (srcId >= 0) {
                checkTransition(srcId, ord, a, st, nx);
            }
            return admit(srcId, a, ord, nx, d, Fingerprint.of(nx, words, seed) & fpMask, perm, progress);
        }

        /**
         * State matching for the canonical state {@code nx} (fingerprint {@code fp}); invariants,
         * graph and events for a new one. {@code srcId} is -1 for an initial state ({@code a} is
         * then its index). {@code perm} and {@code progress} are what the graph sink gets for the
         * edge. Returns whether {@code nx} is new and admitted (false too when a bound refused it).
         */
        boolean admit(int srcId, int a, int ord, long[] nx, int d, long fp, int perm, int progress) {
            boolean isNew;
            int dst = -1;
            switch (store) {
                case STORE_PLAIN:
                    isNew = set.add(fp);
                    break;
                case STORE_CONCURRENT:
                    isNew = cset.add(fp);
                    break;
                case STORE_ID_MAP: {
                    int id = count + outCount;
                    int old = idMap.putIfAbsent(fp, id);
                    isNew = old < 0;
                    dst = isNew ? id : old;
                    break;
                }
                default: {
                    int id = count + outCount;
                    int old = exactStore.findOrAdd(fp, nx, id);
                    isNew = old < 0;
                    dst = isNew ? id : old;
                    break;
                }
            }
            if (isNew) {
                inserted++;
                if (limited && statesLeft.getAndDecrement() <= 0) {
                    hitBound(B_STATES);
                    return false;
                }
                StateInvariant[] inv = invariants;
                for (int i = 0; i < inv.length; i++) {
                    int p = invariantProp[i];
                    if (!skip[p] && !inv[i].holds(nx)) {
                        if (srcId < 0) {
                            violation(p, count + outCount, -1, -1, nx);
                        } else {
                            violation(p, srcId, a, ord, nx);
                        }
                    }
                }
            }
            if (sink != null) {
                if (isNew) {
                    sink.node(dst, liveness.pendingMask(nx));
                }
                if (srcId >= 0) {
                    sink.edge(srcId, dst, model.actorOf(a), a, progress, perm);
                } else {
                    sink.initialState(a, dst, perm);
                }
            }
            if (events) {
                for (SearchListener l : listeners) {
                    if (isNew) {
                        l.stateNew(dst, nx, d);
                    } else {
                        l.stateSeen(dst, nx);
                    }
                    if (srcId >= 0) {
                        l.transition(srcId, a, dst, isNew);
                    }
                }
            }
            return isNew;
        }

        /** Appends {@link #succ} to this worker's new states with its parent and action. */
        void append(int parentId, int a) {
            append(parentId, a, succ);
        }

        /** Appends state {@code s} to this worker's new states with its parent and action. */
        void append(int parentId, int a, long[] s) {
            int n = outCount;
            if (n == outParent.length) {
                int cap = n * 2;
                outParent = Arrays.copyOf(outParent, cap);
                outAction = Arrays.copyOf(outAction, cap);
                outWords = Arrays.copyOf(outWords, cap * words);
            }
            System.arraycopy(s, 0, outWords, n * words, words);
            outParent[n] = parentId;
            outAction[n] = a;
            outCount = n + 1;
        }

        private void violation(int p, int stateId, int act, int ord, long[] st) {
            if (vCount[p]++ == 0) {
                vState[p] = stateId;
                vAction[p] = act;
                vOrd[p] = ord;
                vWords[p] = st.clone();
                if (!collectAll) {
                    skip[p] = true;
                }
                firstViolation(p, stateId, act);
            }
        }
    }
}
