package tdxcheck.core.engine;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The search's {@link Worker}s (the first runs on the calling thread, the others on daemon
 * threads) and the barrier of a segment. A segment is a slice of a BFS level: the workers take
 * chunks of {@value Worker#WORK_CHUNK} states from a shared cursor and expand them into their own
 * buffers; at the barrier the new states get ids by concatenating the buffers in worker order,
 * each worker copies its own into the next frontier and the per-id arrays, and the main thread
 * merges the workers' counters and violations ({@link #commit}).
 */
final class WorkerPool implements AutoCloseable {
    /** Segments smaller than this run on the calling thread alone. */
    private static final int PARALLEL_MIN = 512;

    private final SearchRun run;
    private final Explored explored;
    private final Worker[] workers;
    private final ExecutorService pool;
    /** Set when the seen-set moved to a single-threaded store: the main worker runs every segment alone. */
    private boolean oneThread;

    WorkerPool(SearchRun run) {
        this.run = run;
        this.explored = run.explored;
        int threads = run.plan.threads();
        CyclicBarrier barrier = threads > 1 ? new CyclicBarrier(threads, this::prepareCopyOut) : null;
        workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(run, i == 0, barrier);
        }
        if (threads > 1) {
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, "tdxcheck-worker-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        } else {
            pool = null;
        }
    }

    /** The worker of the calling thread (DFS and the initial states use it alone). */
    Worker main() {
        return workers[0];
    }

    Worker[] workers() {
        return workers;
    }

    /**
     * Expands frontier states {@code from ..} up to {@code to} (fewer when the workers' shares of
     * {@code room}, the insertions the seen-set can take, run out) and returns where it stopped.
     */
    int runSegment(int levelStart, int from, int to, int depth, boolean atMax, long room) {
        AtomicInteger cursor = new AtomicInteger(from);
        boolean parallel = pool != null && !oneThread && to - from >= PARALLEL_MIN;
        long budget = room == Long.MAX_VALUE ? room : room / (parallel ? workers.length : 1);
        for (Worker w : workers) {
            w.segment(explored.cur, levelStart, to, depth, atMax, cursor, parallel, budget);
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
                    run.budget.stop = true;
                    throw new IllegalStateException("search interrupted", e);
                } catch (ExecutionException e) {
                    run.budget.stop = true;
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
     * them, so that every worker can copy its own out in parallel.
     */
    private void prepareCopyOut() {
        long total = 0;
        int maxAction = 0;
        for (Worker w : workers) {
            for (int j = 0; j < w.outCount; j++) {
                maxAction |= w.outAction[j];
            }
        }
        explored.action.fit(maxAction); // widened here, on one thread, if a worker's action needs it
        for (Worker w : workers) {
            w.copyId = (int) (explored.count + total);
            w.copyPos = (int) (explored.nxt.size() + total);
            total += w.outCount;
        }
        if (total > 0) {
            explored.parent.ensureIndex((int) (explored.count + total - 1));
            explored.action.ensureIndex((int) (explored.count + total - 1));
            explored.nxt.extend((int) total);
        }
        for (Worker w : workers) {
            w.copied = true;
        }
    }

    /** Barrier: ids for the workers' new states in worker order (into {@code into}), counters and violations merged. */
    void commit(StateArray into) {
        long inserted = 0;
        for (Worker w : workers) {
            int n = w.outCount;
            if (w.copied) {
                explored.count += n; // the worker has copied them out itself (prepareCopyOut)
                w.copied = false;
            } else {
                long[] ow = w.outWords;
                for (int j = 0; j < n; j++) {
                    explored.add(w.outParent[j], w.outAction[j]);
                    into.add(ow, j * run.words);
                }
            }
            w.outCount = 0;
            inserted += w.inserted;
            w.inserted = 0;
            run.absorb(w);
        }
        explored.seen.addSize(inserted);
        explored.updatePeak();
    }

    /**
     * At a barrier: every worker matches in {@code s} from now on, and the segments run on the
     * calling thread alone ({@code s} is not thread-safe).
     */
    void useStore(SeenSet s) {
        for (Worker w : workers) {
            w.useStore(s);
        }
        oneThread = true;
    }

    /** Out of memory: drops the workers' buffers. */
    void release() {
        for (Worker w : workers) {
            w.release();
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
