package tdxcheck.core.engine;

import java.util.Locale;

/**
 * The automatic switch to disk (issue 17, goal 3): a breadth-first safety search whose seen-set
 * is an in-memory fingerprint table moves it to a {@link DiskFingerprintSet} in a temporary
 * directory when the heap runs short, and goes on; the directory is deleted at the end (also
 * when the search fails). Off with {@code --no-disk} ({@link SearchConfig#autoDisk}): out of
 * memory then stays INCONCLUSIVE.
 *
 * <p>It is decided at a BFS barrier (between segments), where no worker is matching, so the set
 * moves whole: the table's fingerprints are sorted in place and written out as the file, and the
 * emptied table goes on in front of the file as the disk set's in-memory table (the switch
 * allocates nothing big); the search continues on one thread. The disk set has the
 * same set semantics, so counts, verdicts and (on one thread) ids are those of the in-memory run.
 *
 * <p>"Short" is planned from the engine's own accounting, not from the garbage-laden heap figure:
 * the store, the frontiers and the next table growth (during a rehash the old and new tables both
 * live) plus the next segment's new states must stay under {@value #HEAP_PERCENT}% of the heap
 * limit, or under {@link SearchConfig#autoDiskBytes} when a test forces it. What stays in memory:
 * the frontier and the parent/action arrays (5 bytes a state).
 */
final class AutoDisk {
    /** Share of the heap limit the accounted bytes may plan to reach before the switch. */
    static final int HEAP_PERCENT = 60;

    private final SearchRun run;
    private final long limit;
    private boolean done;

    AutoDisk(SearchRun run) {
        this.run = run;
        long forced = run.config.autoDiskBytes();
        this.limit = forced > 0 ? forced : Memory.limit() / 100 * HEAP_PERCENT;
    }

    /**
     * At a barrier, before a segment that may add up to {@code nextNew} states: moves the seen-set
     * to disk if the plan allows it and the heap would run short. Returns whether it moved now.
     */
    boolean check(WorkerPool workers, long nextNew) {
        if (done || !run.plan.autoDisk()) {
            return false;
        }
        Explored ex = run.explored;
        long perState = (long) run.words * Long.BYTES * 2 + Integer.BYTES + 1; // out buffer, frontier, parent, action
        long planned = ex.accountedBytes() + ex.seen.growthBytes() + nextNew * perState;
        if (planned <= limit) {
            return false;
        }
        done = true;
        SeenSet old = ex.seen;
        long states = ex.count;
        long heapBefore = Memory.used();
        long[] table = old.surrenderTable();
        if (table == null) {
            return false;
        }
        DiskFingerprintSet disk = DiskFingerprintSet.adopt(run.config.autoDiskDir(), table, table.length,
                run.config.diskTableSlots());
        ex.replaceSeen(disk);
        workers.useStore(disk);
        run.listeners.note(String.format(Locale.ROOT, "heap running short after %,d states (heap %s / %s, "
                        + "accounted %s): seen-set moved to disk (%s), one thread from here; --no-disk to stop instead",
                states, Memory.format(heapBefore), Memory.format(Memory.limit()), Memory.format(planned),
                disk.file().getParent()));
        return true;
    }
}
