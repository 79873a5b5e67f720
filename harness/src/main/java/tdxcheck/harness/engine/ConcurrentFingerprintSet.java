package tdxcheck.harness.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The seen-set of the parallel BFS: like {@link FingerprintSet}, but {@link #add} may be called
 * from many threads at once (compare-and-set on the {@code long[]} through a VarHandle). The
 * table never grows during {@link #add}: the search calls {@link #reserve} at a barrier, when no
 * thread is adding, so that the next batch of insertions cannot overflow it, and reports the
 * number of insertions with {@link #addSize} afterwards.
 */
public final class ConcurrentFingerprintSet {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);

    private long[] table;
    private int shift;
    private int mask;
    private long size;
    private long maxFill;

    public ConcurrentFingerprintSet(long expected) {
        allocate(Fingerprint.capacityFor(expected));
    }

    private void allocate(int capacity) {
        table = new long[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        maxFill = (long) capacity * 3 / 4;
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
     * At a barrier: grows the table until it can take {@code wanted} more insertions at 0.75
     * load, or at least a quarter of its capacity; returns how many insertions it can take now
     * (at least 1).
     */
    public long reserve(long wanted) {
        while (maxFill - size < wanted && maxFill - size < table.length / 4) {
            grow();
        }
        return Math.max(1, maxFill - size);
    }

    /** At a barrier: grows the table until it can take {@code n} more insertions at 0.75 load. */
    public void ensureRoom(long n) {
        while (maxFill - size < n) {
            grow();
        }
    }

    /** At a barrier: records {@code n} insertions made since the last call. */
    public void addSize(long n) {
        size += n;
        if (size > maxFill) {
            throw new IllegalStateException("concurrent fingerprint set overfilled: " + size + " > " + maxFill);
        }
    }

    private void grow() {
        if (table.length >= (1 << 30)) {
            throw new OutOfMemoryError("fingerprint set cannot grow beyond 2^30 slots");
        }
        long[] old = table;
        allocate(old.length * 2);
        long[] t = table;
        for (long v : old) {
            if (v != 0) {
                int i = Fingerprint.slot(v, shift);
                while (t[i] != 0) {
                    i = (i + 1) & mask;
                }
                t[i] = v;
            }
        }
    }

    public long size() {
        return size;
    }

    public int capacity() {
        return table.length;
    }

    public long bytes() {
        return (long) table.length * Long.BYTES;
    }
}
