package tdxcheck.core.engine;

/**
 * Fingerprint to state id, for searches that must name the target of every edge (a
 * {@code GraphSink}, or listeners that want transition events). Two parts:
 *
 * <ul>
 *   <li>the fingerprints by id: {@code fpById[id]} is the ({@link Fingerprint#nonZero}) fingerprint
 *       of state {@code id}, in chunks of 2^{@value #CHUNK_SHIFT} longs allocated as ids come (the
 *       last one lengthened in steps, never the whole array copied): 8 bytes a state;</li>
 *   <li>a compact open-addressing table of {@code int} slots (grows by 12% past 85% load,
 *       {@link Fingerprint#COMPACT_LOAD_PERCENT}; home slot {@link Fingerprint#slotIn}, linear
 *       probing): a slot holds {@code id + 1} in its low {@code idBits} bits (0 = empty) and, in
 *       the other {@code 32 - idBits}, a tag: the top bits of {@link Fingerprint#lowHash} of the
 *       fingerprint. 4.7 to 5.3 bytes a state.</li>
 * </ul>
 *
 * So about 12.7 to 13.3 bytes per state (a {@code long}/{@code int} slot table: 14.1 to 15.8). A
 * probe compares the tag first and reads {@code fpById} only when it matches, so passing the slot
 * of another state rarely costs the dependent load; the answer is always checked against
 * {@code fpById[id]}, so the map is exact (tags only filter). {@code idBits} is the bits of the
 * largest {@code id + 1} the table can reach before it next grows, so the tags shrink as the
 * states grow (11 bits at a million states, 2 in the largest table); the slots are re-coded at
 * every growth, which re-inserts from the slot table (the id gives the fingerprint, the
 * fingerprint the new home slot and tag).
 *
 * <p>Ids are dense (0, 1, 2, ... as {@link SeenSet#add} gives them). An id offered again for
 * another new state (a bound refused the first, then the search stops) overwrites
 * {@code fpById[id]}: the first fingerprint is then no longer found, nothing breaks. A larger id
 * than expected re-codes the table at once if it does not fit. Not thread-safe.
 */
public final class FingerprintIdMap implements SeenSet {
    static final int CHUNK_SHIFT = 14;
    private static final int CHUNK = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK - 1;
    /** Length of the first chunk when nothing larger is expected. */
    private static final int FIRST_CHUNK_MIN = 64;
    /** A chunk grows by this many longs (by doubling while shorter). */
    static final int CHUNK_STEP = CHUNK >> 3;
    /** Slots a rehash reads the fingerprints of at once. */
    private static final int REHASH_BATCH = 256;

    private int[] table;
    private int capacity;
    private long size;
    private long maxFill;
    /** Bits of a slot holding {@code id + 1}; the slots' other bits are the tag. */
    private int idBits;
    private int idMask;
    private int tagMask;
    /** The largest id the slots can hold at this {@link #idBits}. */
    private int maxId;

    private long[][] chunks;
    private long chunkLongs;

    public FingerprintIdMap(long expected) {
        int cap = Fingerprint.compactCapacityFor(expected);
        allocate(cap, 1);
        long first = Math.max(FIRST_CHUNK_MIN, Math.min(CHUNK, Long.highestOneBit(Math.max(1, expected - 1)) << 1));
        chunks = new long[4][];
        chunks[0] = new long[(int) first];
        chunkLongs = first;
    }

    /**
     * A new empty slot table of {@code capacity}; {@code idBits} covers {@code minIdBits} and
     * every id + 1 up to one past the entries the table holds before it grows.
     */
    private void allocate(int capacity, int minIdBits) {
        table = new int[capacity];
        this.capacity = capacity;
        maxFill = Fingerprint.compactMaxFill(capacity);
        setIdBits(Math.max(minIdBits, bitsFor(maxFill + 1)));
    }

    private void setIdBits(int bits) {
        idBits = bits;
        idMask = bits >= 32 ? -1 : (1 << bits) - 1;
        tagMask = ~idMask;
        maxId = (int) Math.min(Integer.MAX_VALUE, (1L << bits) - 2);
    }

    /** Bits needed for the unsigned value {@code v} (at least 1). */
    private static int bitsFor(long v) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(v));
    }

    /** Maps {@code fp} to {@code id} when absent and returns -1; else returns the id already mapped. */
    public int putIfAbsent(long fp, int id) {
        fp = Fingerprint.nonZero(fp);
        int tag = Fingerprint.lowHash(fp) & tagMask;
        int i = find(fp, tag);
        int s = table[i];
        if (s != 0) {
            return (s & idMask) - 1;
        }
        if (id < 0 || id > maxId) {
            return insertWide(fp, id);
        }
        table[i] = tag | (id + 1);
        setFp(id, fp);
        if (++size > maxFill) {
            grow();
        }
        return -1;
    }

    /**
     * The slot of {@code fp} (hashed tag {@code tag}): the one that holds it, else the empty slot
     * where it would go. A tag match is confirmed against {@code fpById}, so the answer is exact.
     */
    private int find(long fp, int tag) {
        int[] t = table;
        int cap = capacity;
        int tm = tagMask;
        int im = idMask;
        int i = Fingerprint.slotIn(fp, cap);
        while (true) {
            int s = t[i];
            if (s == 0 || ((s & tm) == tag && fpAt((s & im) - 1) == fp)) {
                return i;
            }
            i = Fingerprint.nextSlot(i, cap);
        }
    }

    /** The rare insertion of an id that does not fit the slots: re-codes the table first. */
    private int insertWide(long fp, int id) {
        if (id < 0) {
            throw new IllegalArgumentException("negative state id " + id);
        }
        rehash(capacity, bitsFor(id + 1L));
        return putIfAbsent(fp, id);
    }

    @Override
    public int add(long fp, long[] state, int newId) {
        return putIfAbsent(fp, newId);
    }

    @Override
    public long touch(long[] fps, int n) {
        return Fingerprint.touchHomeSlots(table, capacity, fps, n);
    }

    @Override
    public boolean keepsIds() {
        return true;
    }

    /** The id mapped to {@code fp}, or -1. */
    public int get(long fp) {
        fp = Fingerprint.nonZero(fp);
        return (table[find(fp, Fingerprint.lowHash(fp) & tagMask)] & idMask) - 1;
    }

    private long fpAt(int id) {
        return chunks[id >>> CHUNK_SHIFT][id & CHUNK_MASK];
    }

    private void setFp(int id, long fp) {
        int c = id >>> CHUNK_SHIFT;
        int o = id & CHUNK_MASK;
        long[][] cs = chunks;
        long[] chunk;
        if (c < cs.length && (chunk = cs[c]) != null && o < chunk.length) {
            chunk[o] = fp;
        } else {
            ensureChunk(c, o)[o] = fp;
        }
    }

    /**
     * Allocates or lengthens chunk {@code c} so that it holds offset {@code o}: a chunk grows by
     * doubling up to {@value #CHUNK_STEP} longs, then by that much up to a full chunk, so the chunk
     * being filled has less than 16 KiB unused (the first: once past the expected states). What is
     * copied is at most one chunk, never the array.
     */
    private long[] ensureChunk(int c, int o) {
        if (c >= chunks.length) {
            long[][] more = new long[Math.max(c + 1, chunks.length * 2)][];
            System.arraycopy(chunks, 0, more, 0, chunks.length);
            chunks = more;
        }
        long[] chunk = chunks[c];
        int had = chunk == null ? 0 : chunk.length;
        int len = had;
        while (len <= o) {
            len = Math.min(CHUNK, len == 0 ? CHUNK_STEP : len + Math.min(len, CHUNK_STEP));
        }
        long[] longer = new long[len];
        if (had > 0) {
            System.arraycopy(chunk, 0, longer, 0, had);
        }
        chunkLongs += len - had;
        chunks[c] = longer;
        return longer;
    }

    private void grow() {
        rehash(Fingerprint.compactGrown(capacity), idBits);
    }

    /**
     * Re-inserts every slot into a new table of {@code newCapacity} whose slots hold ids of at
     * least {@code minIdBits} bits: the old slot's id gives the fingerprint, the fingerprint the
     * new home slot and tag.
     */
    private void rehash(int newCapacity, int minIdBits) {
        int[] old = table;
        int oldIdMask = idMask;
        allocate(newCapacity, minIdBits);
        int[] t = table;
        int cap = capacity;
        int tm = tagMask;
        // in batches: the ids of the next slots, then their fingerprints (independent loads, so
        // their cache misses overlap), then the insertions
        int[] ids = new int[REHASH_BATCH];
        long[] fps = new long[REHASH_BATCH];
        int j = 0;
        while (j < old.length) {
            int n = 0;
            for (; j < old.length && n < REHASH_BATCH; j++) {
                int s = old[j];
                if (s != 0) {
                    ids[n++] = (s & oldIdMask) - 1;
                }
            }
            for (int k = 0; k < n; k++) {
                fps[k] = fpAt(ids[k]);
            }
            for (int k = 0; k < n; k++) {
                long fp = fps[k];
                int i = Fingerprint.slotIn(fp, cap);
                while (t[i] != 0) {
                    i = Fingerprint.nextSlot(i, cap);
                }
                t[i] = (Fingerprint.lowHash(fp) & tm) | (ids[k] + 1);
            }
        }
    }

    public long size() {
        return size;
    }

    /** Slots of the table (for tests). */
    int capacity() {
        return capacity;
    }

    /** Bits of a slot that hold {@code id + 1} (for tests); the other {@code 32 - idBits} are the tag. */
    int idBits() {
        return idBits;
    }

    @Override
    public long bytes() {
        return (long) table.length * Integer.BYTES + chunkLongs * Long.BYTES;
    }

    @Override
    public long growthBytes() {
        return Fingerprint.compactGrowthBytes(capacity, Integer.BYTES);
    }
}
