package tdxcheck.core.engine;

/**
 * The seen-set of a single-threaded search: fingerprints in a primitive open-addressing
 * {@code long[]} with linear probing. 0 marks an empty slot (a fingerprint equal to 0 is
 * remapped). Grows by doubling at 0.75 load. Not thread-safe.
 */
public final class FingerprintSet implements SeenSet {
    private long[] table;
    private int shift;
    private int mask;
    private long size;
    private long maxFill;

    public FingerprintSet(long expected) {
        allocate(Fingerprint.capacityFor(expected));
    }

    private void allocate(int capacity) {
        table = new long[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        maxFill = (long) capacity * 3 / 4;
    }

    /** Adds {@code fp}; true when it was not present. */
    public boolean add(long fp) {
        fp = Fingerprint.nonZero(fp);
        long[] t = table;
        int m = mask;
        int i = Fingerprint.slot(fp, shift);
        while (true) {
            long v = t[i];
            if (v == fp) {
                return false;
            }
            if (v == 0) {
                t[i] = fp;
                if (++size > maxFill) {
                    grow();
                }
                return true;
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
            long v = table[i];
            if (v == fp) {
                return true;
            }
            if (v == 0) {
                return false;
            }
            i = (i + 1) & mask;
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

    /** Bytes held by the table. */
    @Override
    public long bytes() {
        return (long) table.length * Long.BYTES;
    }
}
