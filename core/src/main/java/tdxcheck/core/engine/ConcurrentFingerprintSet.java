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
 * <p>Like the single-threaded set it doubles once more than 3/4 of the slots are used (so a
 * stored state costs at most 8 / (3/8) = 21.3 bytes); within one batch the load may rise up to
 * {@value #HARD_LOAD_PERCENT}% (the batch is sized for the worst case, every successor new, which
 * real batches come nowhere near).
 */
public final class ConcurrentFingerprintSet implements SeenSet {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);

    private long[] table;
    private int shift;
    private int mask;
    private static final int HARD_LOAD_PERCENT = 90;

    private long size;
    private long maxFill;
    private long hardFill;

    public ConcurrentFingerprintSet(long expected) {
        allocate(Fingerprint.capacityFor(expected));
    }

    private void allocate(int capacity) {
        table = new long[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        maxFill = (long) capacity * 3 / 4;
        hardFill = (long) capacity * HARD_LOAD_PERCENT / 100;
    }

    /** Adds {@code fp}; true for exactly one of the threads adding an absent fingerprint. */
    public boolean add(long fp) {
        fp = Fingerprint.nonZero(fp);
        long[] t = table;
        int m = mask;
        int i = Fingerprint.slot(fp, shift);
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
            i = (i + 1) & m;
        }
    }

    /**
     * Reads the home slot of {@code fp} and returns it: a batch of these before the real lookups
     * lets the processor overlap their cache misses. No effect on the contents.
     */
    public long touch(long fp) {
        return table[Fingerprint.slot(Fingerprint.nonZero(fp), shift)];
    }

    @Override
    public int add(long fp, long[] state, int newId) {
        return add(fp) ? NEW : SEEN;
    }

    @Override
    public long touch(long[] fps, int n) {
        long[] t = table;
        int s = shift;
        long acc = 0;
        for (int j = 0; j < n; j++) {
            acc += t[Fingerprint.slot(Fingerprint.nonZero(fps[j]), s)];
        }
        return acc;
    }

    public boolean contains(long fp) {
        fp = Fingerprint.nonZero(fp);
        int i = Fingerprint.slot(fp, shift);
        while (true) {
            long v = (long) SLOTS.getAcquire(table, i);
            if (v == fp) {
                return true;
            }
            if (v == 0) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * At a barrier: grows the table while more than 3/4 of it is used, or until it can take at
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

    /** At a barrier: grows the table until it can take {@code n} more insertions at 0.75 load. */
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

    private void grow() {
        if (table.length >= (1 << 30)) {
            throw new OutOfMemoryError("fingerprint set cannot grow beyond 2^30 slots");
        }
        long[] old = table;
        allocate(old.length * 2);
        Fingerprint.rehash(old, table, shift, mask);
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
