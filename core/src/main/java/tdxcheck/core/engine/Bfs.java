package tdxcheck.core.engine;

/**
 * Breadth-first search, level by level; a level is cut into segments of at most
 * {@value #MAX_SEGMENT} states that the {@link WorkerPool} expands (in parallel when the plan has
 * several threads). States get ids in BFS order, so the first violation found is a shortest one.
 */
final class Bfs {
    private static final int MAX_SEGMENT = 1 << 17;
    /** State ids are ints; a little headroom below 2^31 for the last segment's new states. */
    private static final int MAX_IDS = Integer.MAX_VALUE - 64;

    private final SearchRun run;
    private final WorkerPool workers;

    Bfs(SearchRun run, WorkerPool workers) {
        this.run = run;
        this.workers = workers;
    }

    void run() {
        Explored ex = run.explored;
        Budget budget = run.budget;
        int threads = run.plan.threads();
        int levelStart = 0;
        int depth = 0;
        AutoDisk autoDisk = new AutoDisk(run);
        while (ex.cur.size() > 0 && !budget.stop) {
            boolean atMax = budget.atDepthBound(depth);
            int levelSize = ex.cur.size();
            int pos = 0;
            while (pos < levelSize && !budget.stop) {
                int seg = Math.min(levelSize - pos, MAX_SEGMENT);
                // twice the new states per expanded state so far, for the segment ahead
                long expandedSoFar = Math.max(1, (long) levelStart + pos);
                long perExpanded = Math.min(run.maxEnabled, 2 * ((long) ex.count + expandedSoFar - 1) / expandedSoFar);
                autoDisk.check(workers, seg * perExpanded);
                // the concurrent set cannot grow during a segment: every worker must be able to
                // insert all successors of a chunk; a worker that has used its share of the room
                // takes no further chunk, and the segment ends where the chunks taken end
                long room = ex.seen.reserve((long) threads * Worker.WORK_CHUNK * run.maxEnabled);
                if (!budget.limited && (long) ex.count + (long) seg * run.maxEnabled > MAX_IDS) {
                    budget.hit(Budget.IDS);
                    break;
                }
                ex.queued = (long) (levelSize - pos) + ex.nxt.size();
                int end = workers.runSegment(levelStart, pos, pos + seg, depth, atMax, room);
                workers.commit(ex.nxt);
                pos = end;
                if (ex.nxt.size() > 0 && depth + 1 > ex.maxDepthSeen) {
                    ex.maxDepthSeen = depth + 1;
                }
                run.clock.tick(true, workers.main().outCount);
            }
            levelStart += levelSize;
            ex.swapLevels();
            depth++;
        }
        ex.queued = ex.cur == null ? 0 : ex.cur.size();
    }
}
