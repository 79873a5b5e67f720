package tdxcheck.core.engine;

/**
 * The seen-set of a single-threaded search: fingerprints in a primitive open-addressing
 * {@code long[]} with linear probing. 0 marks an empty slot (a fingerprint equal to 0 is
 * remapped). A compact table: grows by 12% past 85% load ({@link Fingerprint#COMPACT_LOAD_PERCENT}),
 * 9.4 to 10.6 bytes per state. Not thread-safe.
 */
public final class FingerprintSet implements SeenSet {
    private long[] table;
    private int capacity;
    private long size;
    private long maxFill;

    public FingerprintSet(long expected) {
        allocate(Fingerprint.compactCapacityFor(expected));
    }

    private void allocate(int capacity) {
        table = new long[capacity];
        this.capacity = capacity;
        maxFill = Fingerprint.compactMaxFill(capacity);
    }

    /** Adds {@code fp}; true when it was not present. */
    public boolean add(long fp) {
        fp = Fingerprint.nonZero(fp);
        long[] t = table;
        int c = capacity;
        int i = Fingerprint.slotIn(fp, c);
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
            long v = table[i];
            if (v == fp) {
                return true;
            }
            if (v == 0) {
                return false;
            }
            i = Fingerprint.nextSlot(i, capacity);
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

    /** Bytes held by the table. */
    @Override
    public long bytes() {
        return (long) table.length * Long.BYTES;
    }
}
