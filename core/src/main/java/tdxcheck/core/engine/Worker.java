package tdxcheck.core.engine;

import java.util.Arrays;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import tdxcheck.core.liveness.GraphSink;
import tdxcheck.core.spi.Model;
import tdxcheck.core.spi.Permutation;
import tdxcheck.core.property.LivenessProperty;
import tdxcheck.core.property.StateInvariant;
import tdxcheck.core.property.TransitionCheck;

/**
 * One search thread, and the hot path: expands states, canonicalises and checks successors,
 * matches them in the {@link SeenSet} and appends the new ones to its own buffer, which
 * {@link WorkerPool#commit} (or the worker itself, in a parallel segment) gives ids at the
 * barrier. Allocates nothing per transition (successors go into the worker's buffers; listeners
 * get per-state events only when the plan asks for them; the clock is read every
 * {@value Clock#MASK}+1 expansions) and logs nothing.
 *
 * <p>BFS expands in batches ({@link #expandBatch}): the successors of up to {@value #BATCH_STATES}
 * frontier states are computed first, then the seen-set slots of all of them are touched so their
 * cache misses overlap, then they are matched in order. DFS and the initial states match one
 * successor at a time ({@link #successor}).
 */
final class Worker implements Runnable {
    /** Frontier states a worker takes from the shared cursor at a time. */
    static final int WORK_CHUNK = 128;
    private static final int BATCH_STATES = 32;
    private static final int BATCH_SUCCESSORS = 256;

    // ---- the run, in fields of this worker (the hot path reads them) ----
    private final Model model;
    private SeenSet seen;
    private final Explored explored;
    private final Budget budget;
    private final Violations violationsAnywhere;
    private final Clock clock;
    private final GraphSink sink;
    private final LivenessProperty liveness;
    private final SearchListener[] listeners;
    private final boolean events;
    private final boolean symmetry;
    private final boolean partialOrder;
    private final boolean trackPermutations;
    private final boolean limited;
    private final boolean collectAll;
    private final long seed;
    private final long fpMask;
    private final int words;
    private final int maxEnabled;
    private final int actorCount;
    private final StateInvariant[] invariants;
    private final int[] invariantIndex;
    private final TransitionCheck[] checks;
    private final int[] checkIndex;
    private final int deadlock;
    /** Parallel segments: the workers meet here, then copy their new states out themselves. */
    private final CyclicBarrier barrier;

    final boolean main;
    final long[] src;
    final long[] succ;
    final int[] enabled;

    // ---- the batch: successors of up to BATCH_STATES frontier states, matched together ----
    private final int batchCap;
    private final int[] batchSrcId = new int[BATCH_STATES];
    /**
     * Partial-order reduction: the fingerprints of the states first reached from the level being
     * expanded (the next level), for the cycle proviso; null without the reduction.
     */
    private FingerprintSet nextLevel;
    private int nextLevelOf = -1;
    /** Partial-order reduction: the frontier index of a batch state expanded by its ample action alone, else -1. */
    private final int[] batchReduced = new int[BATCH_STATES];
    /** The batch's successors, one small array each: computed in place, matched in place. */
    private final long[][] batchStates;
    private final long[] batchFp;
    private final int[] batchAction;
    private final int[] batchOrd;
    private final int[] batchFrom;
    private final int[] batchPerm;
    private final int[] batchProgress;

    // ---- new states, until the barrier gives them ids ----
    long[] outWords;
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

    final ViolationLog violations;
    final boolean[] skip;

    // ---- the current BFS segment ----
    private StateArray frontier;
    private int levelStart;
    private int segEnd;
    private int depth;
    private boolean atMax;
    private AtomicInteger cursor;
    private boolean parallel;
    /** Insertions this worker may make in the current segment (the concurrent set does not grow). */
    private long insertBudget;
    /** Set by {@link WorkerPool}'s barrier action: where this worker's new states go. */
    int copyId;
    int copyPos;
    boolean copied;
    /** Keeps the next worker's hot fields off the cache lines of this worker's arrays. */
    @SuppressWarnings("unused")
    private final long[] padding = new long[16];

    Worker(SearchRun run, boolean main, CyclicBarrier barrier) {
        SearchPlan plan = run.plan;
        CheckedProperties props = run.properties;
        this.model = run.model;
        this.explored = run.explored;
        this.seen = explored.seen;
        this.budget = run.budget;
        this.violationsAnywhere = run.violations;
        this.clock = run.clock;
        this.sink = run.sink;
        this.liveness = run.liveness;
        this.listeners = run.listeners.all;
        this.events = plan.events();
        this.symmetry = plan.symmetry();
        this.partialOrder = plan.partialOrder();
        this.trackPermutations = plan.quotientGraph();
        this.limited = budget.limited;
        this.collectAll = plan.collectAll();
        this.seed = run.config.seed();
        this.fpMask = run.config.fingerprintMask();
        this.words = run.words;
        this.maxEnabled = run.maxEnabled;
        this.actorCount = model.actorCount();
        this.invariants = props.invariants;
        this.invariantIndex = props.invariantIndex;
        this.checks = props.checks;
        this.checkIndex = props.checkIndex;
        this.deadlock = props.deadlock;
        this.barrier = barrier;
        this.main = main;
        this.src = new long[words];
        this.succ = new long[words];
        this.enabled = new int[maxEnabled];
        this.batchCap = Math.max(BATCH_SUCCESSORS, maxEnabled);
        this.batchStates = new long[batchCap][words];
        this.batchFp = new long[batchCap];
        this.batchAction = new int[batchCap];
        this.batchOrd = new int[batchCap];
        this.batchFrom = new int[batchCap];
        this.batchPerm = new int[batchCap];
        this.batchProgress = new int[batchCap];
        this.outWords = new long[64 * words];
        this.violations = new ViolationLog(props.size());
        this.skip = new boolean[props.size()];
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
        if (partialOrder && depth != nextLevelOf) {
            nextLevel = new FingerprintSet(1024);
            nextLevelOf = depth;
        }
    }

    /** At a barrier: match in {@code s} from now on ({@link AutoDisk} moved the seen-set). */
    void useStore(SeenSet s) {
        this.seen = s;
    }

    /** Out of memory: drops the buffers of new states. */
    void release() {
        outWords = new long[words];
        outParent = new int[1];
        outAction = new int[1];
        outCount = 0;
        frontier = null;
    }

    /** Expands chunks of the current segment until it is done, the room is used up, or the search stops. */
    @Override
    public void run() {
        try {
            long chunkMax = (long) WORK_CHUNK * maxEnabled;
            while (!budget.stop && inserted + chunkMax <= insertBudget) {
                int from = cursor.getAndAdd(WORK_CHUNK);
                if (from >= segEnd) {
                    break;
                }
                int to = Math.min(segEnd, from + WORK_CHUNK);
                int i = from;
                while (i < to && !budget.stop) {
                    i = expandBatch(i, to);
                }
            }
        } catch (Throwable t) {
            failure = t;
            budget.stop = true;
        }
        if (parallel) {
            // every worker arrives, also after a failure, so that no one waits forever
            try {
                barrier.await();
                copyOut();
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                }
                budget.stop = true;
            }
        }
    }

    /** After the barrier action: this worker's new states into the frontier and the per-id arrays. */
    private void copyOut() {
        int n = outCount;
        int id = copyId;
        int pos = copyPos;
        Parents parent = explored.parent;
        ActionChunks action = explored.action;
        StateArray nxt = explored.nxt;
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
            int first = 0;
            batchReduced[nb] = -1;
            if (partialOrder && n > 1) {
                int k = ample(st, n, 0);
                if (k >= 0) {
                    batchReduced[nb] = i - 1;
                    generated -= n - 1; // the others are counted if they are generated after all
                    first = k;
                    n = k + 1;
                }
            }
            for (int k = first; k < n; k++) {
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
            if (budget.stop) {
                return i;
            }
        }
        touched += seen.touch(batchFp, ns);
        int d = depth + 1;
        for (int j = 0; j < ns && !budget.stop; j++) {
            long[] nx = batchStates[j];
            int srcId = batchSrcId[batchFrom[j]];
            int a = batchAction[j];
            if (admit(srcId, a, batchOrd[j], nx, d, batchFp[j], batchPerm[j], batchProgress[j])) {
                append(srcId, a, nx);
            } else if (batchReduced[batchFrom[j]] >= 0 && !budget.stop && !nextLevel.contains(batchFp[j])) {
                expandRest(batchReduced[batchFrom[j]], srcId, a, d);
            }
        }
        return i;
    }

    /**
     * Partial-order reduction: the index, from {@code from} on, among the {@code n} enabled
     * actions of {@code st} of an action that may be expanded alone (its ample set), or -1: an
     * action the model calls local ({@link Model#isLocal}) whose actor has no other enabled
     * action. Whether it is expanded alone is decided when its successor is matched: only if
     * that successor is one level deeper (the cycle proviso, {@link #expandRest}).
     */
    private int ample(long[] st, int n, int from) {
        int[] en = enabled;
        for (int k = from; k < n; k++) {
            if (ample(st, n, k, en)) {
                return k;
            }
        }
        return -1;
    }

    private boolean ample(long[] st, int n, int k, int[] en) {
        if (!model.isLocal(st, en[k])) {
            return false;
        }
        int actor = model.actorOf(en[k]);
        for (int j = 0; j < n; j++) {
            if (j != k && model.actorOf(en[j]) == actor) {
                return false;
            }
        }
        return true;
    }

    /**
     * The cycle proviso of partial-order reduction, breadth-first: the ample action of frontier
     * state {@code idx} ({@code srcId}) led to a state of this level or an earlier one. The next
     * action that may be expanded alone is tried instead, and so on; if none leads one level
     * deeper, the state is expanded fully after all (its other enabled actions, in order). A
     * state expanded by one ample action thus always has that action's successor one level
     * deeper, so every cycle of the reduced graph has a fully expanded state and no action is
     * postponed forever; the tried actions' edges lead to states already seen and add nothing
     * (docs/performance.md).
     */
    private void expandRest(int idx, int srcId, int ampleAction, int d) {
        long[] st = src;
        frontier.get(idx, st);
        int n = model.enabledActions(st, enabled);
        int first = 0;
        while (enabled[first] != ampleAction) {
            first++;
        }
        for (int k = ample(st, n, first + 1); k >= 0 && !budget.stop; k = ample(st, n, k + 1)) {
            generated++;
            if (deeper(srcId, k, enabled[k], st, d)) {
                return;
            }
        }
        for (int k = 0; k < n && !budget.stop; k++) {
            if (k == first || (k > first && ample(st, n, k, enabled))) {
                continue; // tried above
            }
            generated++;
            deeper(srcId, k, enabled[k], st, d);
        }
    }

    /**
     * Partial-order reduction: generates and matches the successor of {@code st} (state
     * {@code srcId}) under {@code a}, the {@code k}-th enabled action, and returns whether it is
     * one level deeper: new, or first reached from this level. (No graph is kept here.)
     */
    private boolean deeper(int srcId, int k, int a, long[] st, int d) {
        long[] nx = succ;
        model.next(st, a, nx);
        if (symmetry) {
            model.canonicalize(nx);
        }
        checkTransition(srcId, k, a, st, nx);
        long fp = Fingerprint.of(nx, words, seed) & fpMask;
        if (admit(srcId, a, k, nx, d, fp, Permutation.IDENTITY, 0)) {
            append(srcId, a, nx);
            return true;
        }
        return nextLevel.contains(fp);
    }

    /**
     * Computes the enabled actions of state {@code id} into {@link #enabled} and returns how
     * many to expand: 0 for a terminal state (after the deadlock check) or a state at the
     * depth bound (then {@link #depthCut} is set if it had successors).
     */
    int prepare(int id, long[] st, boolean cut) {
        int n = model.enabledActions(st, enabled);
        if ((++expanded & Clock.MASK) == 0) {
            clock.tick(main, outCount);
        }
        if (n == 0) {
            if (deadlock >= 0 && !skip[deadlock]) {
                for (int actor = 0; actor < actorCount; actor++) {
                    if (!model.isFinished(st, actor)) {
                        violation(deadlock, id, -1, -1, st);
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
            int p = checkIndex[c];
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
    private boolean admit(int srcId, int a, int ord, long[] nx, int d, long fp, int perm, int progress) {
        int id = explored.count + outCount;
        int old = seen.add(fp, nx, id);
        boolean isNew = old == SeenSet.NEW;
        int dst = isNew ? id : old;
        if (isNew) {
            inserted++;
            if (nextLevel != null) {
                nextLevel.add(fp);
            }
            if (limited && !budget.takeState()) {
                return false;
            }
            StateInvariant[] inv = invariants;
            for (int i = 0; i < inv.length; i++) {
                int p = invariantIndex[i];
                if (!skip[p] && !inv[i].holds(nx)) {
                    if (srcId < 0) {
                        violation(p, id, -1, -1, nx);
                    } else {
                        violation(p, srcId, a, ord, nx);
                    }
                }
            }
        }
        if (sink != null) {
            if (isNew) {
                sink.node(dst, liveness.pendingMask(nx), liveness.waitingActors(nx));
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
        if (violations.record(p, stateId, act, ord, st)) {
            if (!collectAll) {
                skip[p] = true;
            }
            violationsAnywhere.first(p, stateId, act);
        }
    }
}
