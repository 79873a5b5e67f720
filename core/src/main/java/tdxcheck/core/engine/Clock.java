package tdxcheck.core.engine;

/**
 * The rare path of the search: every {@value #MASK}+1 expansions a worker reads the clock for the
 * time bound; the main worker (and the main thread between BFS segments) also checks the memory
 * bound and reports progress at most every progress interval. Reading the clock per expansion
 * would cost more than the expansion.
 */
final class Clock {
    /** Expansions between two clock reads, minus one (a power of two minus one). */
    static final int MASK = 1023;

    private final SearchPlan plan;
    private final Budget budget;
    private final Explored explored;
    private final Listeners listeners;
    private final long progressNanos;
    private long startNanos;
    private long nextProgress;

    Clock(SearchPlan plan, long progressIntervalMillis, Budget budget, Explored explored, Listeners listeners) {
        this.plan = plan;
        this.budget = budget;
        this.explored = explored;
        this.listeners = listeners;
        this.progressNanos = progressIntervalMillis * 1_000_000L;
    }

    void start(long now) {
        startNanos = now;
        nextProgress = now + progressNanos;
        budget.start(now);
    }

    long elapsed() {
        return System.nanoTime() - startNanos;
    }

    /**
     * The time bound; on the main worker ({@code main}) also the memory bound and progress, with
     * {@code uncommitted} states of that worker not yet given ids.
     */
    void tick(boolean main, int uncommitted) {
        long now = System.nanoTime();
        budget.checkTime(now);
        if (main) {
            budget.checkMemory(explored.accountedBytes());
            if (now - nextProgress >= 0) {
                nextProgress = now + progressNanos;
                listeners.progress(explored.snapshot(plan, now - startNanos, uncommitted));
            }
        }
    }
}
