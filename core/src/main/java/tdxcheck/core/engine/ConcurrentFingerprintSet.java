package tdxcheck.core.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The seen-set of the parallel BFS: like {@link FingerprintSet}, but {@link #add} may be called
 * from many threads at once (compare-and-set on the {@code long[]} through a VarHandle). The
 * table never grows during {@link #add}: the search calls {@link #reserve} at a barrier, when no
 * thread is adding, so that the next batch of insertions cannot overflow it, and reports the
 * number of insertions with {@link #addSize} afterwards.
 *
 * <p>Like the single-threaded set it is compact: it grows by 12% once more than 85% of the
 * slots are used (a stored state costs 9.4 to 10.6 bytes); within one batch the load may rise up
 * to {@value #HARD_LOAD_PERCENT}% (the batch is sized for the worst case, every successor new,
 * which real batches come nowhere near).
 */
public final class ConcurrentFingerprintSet implements SeenSet {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);

    private long[] table;
    private int capacity;
    private static final int HARD_LOAD_PERCENT = 93;

    private long size;
    private long maxFill;
    private long hardFill;

    public ConcurrentFingerprintSet(long expected) {
        allocate(Fingerprint.compactCapacityFor(expected));
    }

    private void allocate(int capacity) {
        table = new long[capacity];
        this.capacity = capacity;
        maxFill = Fingerprint.compactMaxFill(capacity);
        hardFill = (long) capacity * HARD_LOAD_PERCENT / 100;
    }

    /** Adds {@code fp}; true for exactly one of the threads adding an absent fingerprint. */
    public boolean add(long fp) {
        fp = Fingerprint.nonZero(fp);
        long[] t = table;
        int c = capacity;
        int i = Fingerprint.slotIn(fp, c);
        while (true) {
            long v = (long) SLOTS.getAcquire(t, i);
            if (v == fp) {
                return false;
            }
            if (v == 0) {
                long witness = (long) SLOTS.compareAndExchange(t, i, 0L, fp);
                if (witness == 0) {
                    return true;
                }
                if (witness == fp) {
                    return false;
                }
            }
            i = Fingerprint.nextSlot(i, c);
        }
    }

    @Override
    public int add(long fp, long[] state, int newId) {
        return add(fp) ? NEW : SEEN;
    }

    @Override
    public long touch(long[] fps, int n) {
        return Fingerprint.touchHomeSlots(table, capacity, fps, n);
    }

    public boolean contains(long fp) {
        fp = Fingerprint.nonZero(fp);
        int i = Fingerprint.slotIn(fp, capacity);
        while (true) {
            long v = (long) SLOTS.getAcquire(table, i);
            if (v == fp) {
                return true;
            }
            if (v == 0) {
                return false;
            }
            i = Fingerprint.nextSlot(i, capacity);
        }
    }

    /**
     * At a barrier: grows the table while more than 85% of it is used, or until it can take at
     * least {@code minimum} more insertions; returns how many insertions it can take now before
     * the next barrier (at least {@code minimum}).
     */
    @Override
    public long reserve(long minimum) {
        while (size > maxFill || hardFill - size < minimum) {
            grow();
        }
        return hardFill - size;
    }

    /** At a barrier: grows the table until it can take {@code n} more insertions at 85% load. */
    @Override
    public void ensureRoom(long n) {
        while (maxFill - size < n) {
            grow();
        }
    }

    /** At a barrier: records {@code n} insertions made since the last call. */
    @Override
    public void addSize(long n) {
        size += n;
        if (size > hardFill) {
            throw new IllegalStateException("concurrent fingerprint set overfilled: " + size + " > " + hardFill);
        }
    }

    @Override
    public long growthBytes() {
        return Fingerprint.compactGrowthBytes(capacity);
    }

    @Override
    public long[] surrenderTable() {
        long[] t = table;
        table = new long[0];
        capacity = 0;
        return t;
    }

    private void grow() {
        long[] old = table;
        allocate(Fingerprint.compactGrown(old.length));
        Fingerprint.rehashAny(old, table);
    }

    public long size() {
        return size;
    }

    public int capacity() {
        return table.length;
    }

    @Override
    public long bytes() {
        return (long) table.length * Long.BYTES;
    }
}
