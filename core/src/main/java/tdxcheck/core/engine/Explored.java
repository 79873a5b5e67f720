package tdxcheck.core.engine;

/**
 * What the search has explored so far: the seen-set, per state id the parent id and the action
 * (for an initial state: parent -1 and its initial index), the BFS frontiers, and the counters.
 * States get ids 0, 1, 2, ... in BFS order (DFS: discovery order); the states themselves live
 * only in the frontier (BFS) or on the stack (DFS), and in exact mode in the store. Written by the
 * main thread at barriers (the workers write their own slices of the arrays, see {@code BfsLevels}).
 */
final class Explored {
    /** The seen-set; {@link AutoDisk} may replace it at a BFS barrier ({@link #replaceSeen}). */
    SeenSet seen;
    /** Parent ids: a byte a state on a one-thread BFS ({@link MonotoneParents}), else an int. */
    final Parents parent;
    final ActionChunks action = new ActionChunks();
    /** The level being expanded and the next one (BFS; {@code cur} also holds the roots of a DFS). */
    StateArray cur;
    StateArray nxt;
    /** States with ids. */
    int count;
    long generated;
    int maxDepthSeen;
    /** States waiting to be expanded (frontier or stack), for progress reports. */
    volatile long queued;
    long dfsStackBytes;
    private long peakStoreBytes;
    private long peakSeenBytes;

    Explored(SearchPlan plan, int words, SearchConfig config) {
        // start small (tiny models stay tiny); the tables grow as they fill
        long expected = plan.maxStates() > 0 ? Math.min(plan.maxStates(), 64) : 64;
        this.seen = plan.store().create(words, expected, config);
        this.parent = plan.strategy() == Strategy.BFS && plan.threads() == 1 ? new MonotoneParents() : new IntChunks();
        this.cur = new StateArray(words);
        this.nxt = new StateArray(words);
    }

    /** Gives the next id to a state reached from {@code parentId} by {@code a}. */
    int add(int parentId, int a) {
        int id = count++;
        parent.set(id, parentId);
        action.set(id, a);
        return id;
    }

    /** At a barrier: the seen-set is now {@code s} (it holds every state {@link #seen} held). */
    void replaceSeen(SeenSet s) {
        seen = s;
    }

    /** After the level {@code cur} is done: the next level becomes the current one. */
    void swapLevels() {
        StateArray t = cur;
        cur = nxt;
        nxt = t;
        nxt.clear();
    }

    /** Out of memory: drops the frontiers so the result can still be built. */
    void dropFrontiers() {
        cur = null;
        nxt = null;
    }

    long seenSetBytes() {
        return seen.bytes();
    }

    long storeBytes() {
        return parent.bytes() + action.bytes() + seenSetBytes();
    }

    /** What the memory bound counts: the store, the frontiers and the DFS stack. */
    long accountedBytes() {
        long b = storeBytes() + dfsStackBytes;
        if (cur != null) {
            b += cur.bytes();
        }
        if (nxt != null) {
            b += nxt.bytes();
        }
        return b;
    }

    void updatePeak() {
        long b = storeBytes();
        if (b > peakStoreBytes) {
            peakStoreBytes = b;
        }
        long s = seenSetBytes();
        if (s > peakSeenBytes) {
            peakSeenBytes = s;
        }
    }

    /** Statistics now ({@code uncommitted}: the main worker's states not given ids yet). */
    SearchStats snapshot(SearchPlan plan, long elapsedNanos, int uncommitted) {
        double seconds = elapsedNanos / 1e9;
        long distinct = (long) count + uncommitted;
        double rate = seconds > 0 ? distinct / seconds : 0;
        return new SearchStats(distinct, generated, maxDepthSeen, seconds, rate, plan.threads(), plan.symmetry(),
                seen.collisions(), Math.max(peakStoreBytes, storeBytes()), queued,
                Math.max(peakSeenBytes, seenSetBytes()));
    }
}
