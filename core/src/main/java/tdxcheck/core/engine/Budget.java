package tdxcheck.core.engine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounds of a search (states, depth, time, memory, plus the two the engine imposes itself:
 * out of memory and 2^31 state ids) and the stop flag the workers poll. A bound hit makes the
 * unviolated properties INCONCLUSIVE with the bound named ({@link #reason}); only the depth bound
 * lets the search go on (it cuts the states at that depth).
 */
final class Budget {
    static final int STATES = 1;
    static final int DEPTH = 2;
    static final int TIME = 4;
    static final int MEMORY = 8;
    static final int OOM = 16;
    static final int IDS = 32;
    static final int DISK = 64;

    private final SearchPlan plan;
    private final Listeners listeners;
    /** Whether a state bound is set (the hot path then takes a state from {@link #statesLeft}). */
    final boolean limited;
    private final long budgetNanos;
    private final AtomicLong statesLeft = new AtomicLong();
    private long deadline;
    private int bounds;
    private String diskFailure;
    /** Set by a bound hit, when every checked property is violated, or on a worker's failure. */
    volatile boolean stop;

    Budget(SearchPlan plan, Listeners listeners) {
        this.plan = plan;
        this.listeners = listeners;
        this.limited = plan.maxStates() > 0;
        Duration tb = plan.timeBudget();
        this.budgetNanos = tb.isZero() ? 0 : saturatedNanos(tb);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return Math.max(1, d.toNanos());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    void start(long now) {
        deadline = budgetNanos == 0 ? 0 : now + budgetNanos;
        statesLeft.set(limited ? plan.maxStates() : Long.MAX_VALUE);
    }

    /** A new state under a state bound: false (and the bound hit) when the bound refuses it. */
    boolean takeState() {
        if (statesLeft.getAndDecrement() <= 0) {
            hit(STATES);
            return false;
        }
        return true;
    }

    /** Whether states at {@code depth} are cut (not expanded). */
    boolean atDepthBound(int depth) {
        return plan.maxDepth() > 0 && depth >= plan.maxDepth();
    }

    void checkTime(long now) {
        if (deadline != 0 && now - deadline >= 0) {
            hit(TIME);
        }
    }

    void checkMemory(long accountedBytes) {
        if (plan.maxHeapBytes() > 0 && accountedBytes > plan.maxHeapBytes()) {
            hit(MEMORY);
        }
    }

    synchronized void hit(int flag) {
        if ((bounds & flag) == 0) {
            bounds |= flag;
            listeners.boundHit(name(flag));
        }
        if (flag != DEPTH) {
            stop = true;
        }
    }

    /** The disk seen-set failed ({@link DiskStoreException}): the search stops, INCONCLUSIVE with {@code message}. */
    synchronized void diskFailed(String message) {
        if (diskFailure == null) {
            diskFailure = message;
        }
        hit(DISK);
    }

    synchronized boolean anyHit() {
        return bounds != 0;
    }

    private String name(int flag) {
        return switch (flag) {
            case STATES -> "max-states " + plan.maxStates();
            case DEPTH -> "max-depth " + plan.maxDepth();
            case TIME -> "time-limit " + SearchPlan.formatDuration(plan.timeBudget());
            case MEMORY -> "max-heap " + plan.maxHeapBytes() + " bytes";
            case OOM -> Memory.outOfMemoryReason();
            case IDS -> "state ids exhausted (2^31 states)";
            default -> "disk failure: " + diskFailure;
        };
    }

    /** The bounds hit, or null when none was: {@code "bound hit: max-states 10 (10 states explored)"}. */
    synchronized String reason(int explored) {
        if (bounds == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder("bound hit: ");
        boolean first = true;
        for (int flag = 1; flag <= DISK; flag <<= 1) {
            if ((bounds & flag) != 0) {
                if (!first) {
                    sb.append(", ");
                }
                sb.append(name(flag));
                first = false;
            }
        }
        return sb.append(" (").append(explored).append(" states explored)").toString();
    }
}
