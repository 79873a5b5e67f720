package tdxcheck.core.engine;

/**
 * Fingerprint to state id, for searches that must name the target of every edge (a
 * {@code GraphSink}, or listeners that want transition events): primitive open addressing,
 * {@code long} keys (0 = empty, remapped) and {@code int} values, 12 bytes a slot; a compact
 * table (grows by 12% past 85% load, {@link Fingerprint#COMPACT_LOAD_PERCENT}), so 14.1 to 15.8
 * bytes per entry. Not thread-safe.
 */
public final class FingerprintIdMap implements SeenSet {
    private long[] keys;
    private int[] values;
    private int capacity;
    private long size;
    private long maxFill;

    public FingerprintIdMap(long expected) {
        allocate(Fingerprint.compactCapacityFor(expected));
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        this.capacity = capacity;
        maxFill = Fingerprint.compactMaxFill(capacity);
    }

    /** Maps {@code fp} to {@code id} when absent and returns -1; else returns the id already mapped. */
    public int putIfAbsent(long fp, int id) {
        fp = Fingerprint.nonZero(fp);
        long[] k = keys;
        int i = Fingerprint.slotIn(fp, capacity);
        while (true) {
            long v = k[i];
            if (v == fp) {
                return values[i];
            }
            if (v == 0) {
                k[i] = fp;
                values[i] = id;
                if (++size > maxFill) {
                    grow();
                }
                return -1;
            }
            i = Fingerprint.nextSlot(i, capacity);
        }
    }

    @Override
    public int add(long fp, long[] state, int newId) {
        return putIfAbsent(fp, newId);
    }

    @Override
    public long touch(long[] fps, int n) {
        return Fingerprint.touchHomeSlots(keys, capacity, fps, n);
    }

    @Override
    public boolean keepsIds() {
        return true;
    }

    /** The id mapped to {@code fp}, or -1. */
    public int get(long fp) {
        fp = Fingerprint.nonZero(fp);
        int i = Fingerprint.slotIn(fp, capacity);
        while (true) {
            long v = keys[i];
            if (v == fp) {
                return values[i];
            }
            if (v == 0) {
                return -1;
            }
            i = Fingerprint.nextSlot(i, capacity);
        }
    }

    private void grow() {
        long[] oldK = keys;
        int[] oldV = values;
        allocate(Fingerprint.compactGrown(oldK.length));
        for (int j = 0; j < oldK.length; j++) {
            long v = oldK[j];
            if (v != 0) {
                int i = Fingerprint.slotIn(v, capacity);
                while (keys[i] != 0) {
                    i = Fingerprint.nextSlot(i, capacity);
                }
                keys[i] = v;
                values[i] = oldV[j];
            }
        }
    }

    public long size() {
        return size;
    }

    @Override
    public long bytes() {
        return (long) keys.length * (Long.BYTES + Integer.BYTES);
    }
}
