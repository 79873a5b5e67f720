package tdxcheck.core.engine;

/**
 * 64-bit seeded fingerprint of a packed state (MurmurHash3 x64 block mixing per word, then the
 * fmix64 finaliser). Never {@code Object.hashCode}. Two different states collide with
 * probability about 2^-64 per pair; {@link SearchConfig#exact()} mode stores full states and
 * counts collisions instead of trusting fingerprints.
 */
public final class Fingerprint {
    /** The fixed default seed: runs are reproducible unless a seed is given. */
    public static final long DEFAULT_SEED = 0x7D3C9A4E51B2F06DL;

    private static final long C1 = 0x87C37B91114253D5L;
    private static final long C2 = 0x4CF5AD432745937FL;

    private Fingerprint() {
    }

    /** Fingerprint of {@code state[0 .. words)} under {@code seed}. */
    public static long of(long[] state, int words, long seed) {
        long h = seed ^ (words * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < words; i++) {
            long k = state[i] * C1;
            k = Long.rotateLeft(k, 31) * C2;
            h ^= k;
            h = Long.rotateLeft(h, 27) * 5 + 0x52DCE729L;
        }
        return fmix64(h ^ words);
    }

    /** MurmurHash3's 64-bit finaliser: a bijection with full avalanche. */
    public static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }

    /** Slot of {@code fp} in a table of {@code 2^(64 - shift)} slots (Fibonacci hashing). */
    static int slot(long fp, int shift) {
        return (int) ((fp * 0x9E3779B97F4A7C15L) >>> shift);
    }

    /**
     * Re-inserts every non-empty fingerprint of {@code old} into the empty power-of-two table
     * {@code into} (linear probing): the rehash step of both fingerprint sets when they double.
     */
    static void rehash(long[] old, long[] into, int shift, int mask) {
        for (long v : old) {
            if (v != 0) {
                int i = slot(v, shift);
                while (into[i] != 0) {
                    i = (i + 1) & mask;
                }
                into[i] = v;
            }
        }
    }

    /**
     * Home slot of {@code fp} in a table of any {@code capacity}: the top 32 bits of the
     * Fibonacci-hashed fingerprint scaled to the capacity. For the tables that grow by half.
     */
    static int slotIn(long fp, int capacity) {
        long h = fp * 0x9E3779B97F4A7C15L;
        return (int) (((h >>> 32) * capacity) >>> 32);
    }

    /**
     * The low 32 bits of the hashed fingerprint of {@link #slotIn}: they depend on the low 32
     * bits of {@code fp} only, not on the home slot's top bits, so their top bits tell apart the
     * fingerprints that probe the same run of slots (the tags of {@link FingerprintIdMap}).
     */
    static int lowHash(long fp) {
        return (int) (fp * 0x9E3779B97F4A7C15L);
    }

    /** The slot after {@code i} in linear probing (wrapping at the end of the table). */
    static int nextSlot(int i, int capacity) {
        int j = i + 1;
        return j == capacity ? 0 : j;
    }

    /**
     * The load a compact table grows at (percent of its slots used) and its growth step: past
     * 85% it grows by 12%, so it stays between 76% and 85% full, 9.4 to 10.6 bytes per stored
     * 64-bit fingerprint (a doubling table at 3/4 load: 10.7 to 21.3). Linear probing at 85% is
     * still short (about 3.8 slots for a hit, within one or two cache lines), and hits are most
     * lookups (a state is reached about four times). The home slot is monotone in the hashed
     * fingerprint ({@link #slotIn}), so the table is nearly sorted by it and a rehash writes the
     * new table almost sequentially.
     */
    static final int COMPACT_LOAD_PERCENT = 85;

    /** Smallest compact capacity (at least 16, at most 2^30) holding {@code expected} at {@value #COMPACT_LOAD_PERCENT}% load. */
    static int compactCapacityFor(long expected) {
        long need = Math.max(16, expected * 100 / COMPACT_LOAD_PERCENT + 1);
        if (need > MAX_CAPACITY) {
            throw new OutOfMemoryError("state table would need more than 2^30 slots");
        }
        return (int) need;
    }

    /** Entries a compact table of {@code capacity} slots holds before it grows. */
    static long compactMaxFill(int capacity) {
        return (long) capacity * COMPACT_LOAD_PERCENT / 100;
    }

    /**
     * Bytes the next growth of a compact table of {@code capacity} {@code long} slots would
     * allocate; a table at its largest cannot grow, so it reports as much as the heap could ever
     * give (AutoDisk switches).
     */
    static long compactGrowthBytes(int capacity) {
        return compactGrowthBytes(capacity, Long.BYTES);
    }

    /** As {@link #compactGrowthBytes(int)} for a table of {@code slotBytes}-byte slots. */
    static long compactGrowthBytes(int capacity, int slotBytes) {
        return capacity >= MAX_CAPACITY ? Long.MAX_VALUE / 4 : (long) compactGrown(capacity) * slotBytes;
    }

    /** The next capacity of a compact table: 12% more slots (at least 16 more). */
    static int compactGrown(int capacity) {
        if (capacity >= MAX_CAPACITY) {
            throw new OutOfMemoryError("state table cannot grow beyond 2^30 slots");
        }
        return (int) Math.min(MAX_CAPACITY, (long) capacity + Math.max(16, capacity * 12L / 100));
    }

    /**
     * Re-inserts every non-empty fingerprint of {@code old} into the empty table {@code into}
     * of any capacity (linear probing, home slots by {@link #slotIn}).
     */
    static void rehashAny(long[] old, long[] into) {
        int capacity = into.length;
        for (long v : old) {
            if (v != 0) {
                int i = slotIn(v, capacity);
                while (into[i] != 0) {
                    i = nextSlot(i, capacity);
                }
                into[i] = v;
            }
        }
    }

    /** Largest table: 2^30 slots. */
    static final int MAX_CAPACITY = 1 << 30;

    /**
     * Reads the home slot of each of the {@code n} fingerprints in {@code table} and returns their
     * sum: a batch of these before the real lookups lets the processor overlap their cache misses
     * (every open-addressing store's {@code SeenSet.touch}). No effect on the contents.
     */
    static long touchHomeSlots(long[] table, int capacity, long[] fps, int n) {
        long acc = 0;
        for (int j = 0; j < n; j++) {
            acc += table[slotIn(nonZero(fps[j]), capacity)];
        }
        return acc;
    }

    /** {@link #touchHomeSlots(long[], int, long[], int)} for a table of {@code int} slots. */
    static long touchHomeSlots(int[] table, int capacity, long[] fps, int n) {
        long acc = 0;
        for (int j = 0; j < n; j++) {
            acc += table[slotIn(nonZero(fps[j]), capacity)];
        }
        return acc;
    }

    /**
     * Tables reserve 0 for an empty slot; a fingerprint equal to 0 is stored as this value
     * instead (it then shares a slot value with a real fingerprint equal to it, an ordinary
     * 2^-64 collision).
     */
    static final long ZERO_REMAP = 0x9E3779B97F4A7C15L;

    static long nonZero(long fp) {
        return fp == 0 ? ZERO_REMAP : fp;
    }

    /** Smallest power-of-two capacity (at least 16, at most 2^30) holding {@code expected} at 0.75 load. */
    static int capacityFor(long expected) {
        long need = Math.max(16, (expected * 4 + 2) / 3 + 1);
        if (need > MAX_CAPACITY) {
            throw new OutOfMemoryError("state table would need more than 2^30 slots");
        }
        return Integer.highestOneBit((int) need - 1) << 1;
    }

    /** Smallest capacity of any size (at least 16, at most 2^30) holding {@code expected} at 0.75 load. */
    static int anyCapacityFor(long expected) {
        long need = Math.max(16, (expected * 4 + 2) / 3 + 1);
        if (need > MAX_CAPACITY) {
            throw new OutOfMemoryError("state table would need more than 2^30 slots");
        }
        return (int) need;
    }

    /**
     * The capacity a table that grows by half goes to when it passes 3/4 load: right after
     * growing it is half full, so it always holds between 1/2 and 3/4 as many entries as it has
     * slots.
     */
    static int grownCapacity(int capacity) {
        if (capacity >= MAX_CAPACITY) {
            throw new OutOfMemoryError("state table cannot grow beyond 2^30 slots");
        }
        return (int) Math.min(MAX_CAPACITY, (long) capacity + (capacity >> 1));
    }
}
