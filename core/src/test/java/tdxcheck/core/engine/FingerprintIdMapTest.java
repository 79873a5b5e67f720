package tdxcheck.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link FingerprintIdMap} answers as a plain map from (nonZero) fingerprint to the first id. */
class FingerprintIdMapTest {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** The fingerprint whose hashed value ({@code fp * GOLDEN}) is {@code h}. */
    private static long unhash(long h) {
        long inv = GOLDEN; // correct to 3 bits for an odd number; each step doubles them
        for (int i = 0; i < 6; i++) {
            inv *= 2 - GOLDEN * inv;
        }
        assertEquals(1L, GOLDEN * inv);
        return h * inv;
    }

    /** Puts {@code fp} with {@code id} in both and checks that the answers agree. */
    private static int put(FingerprintIdMap m, Map<Long, Integer> ref, long fp, int id) {
        Integer old = ref.putIfAbsent(Fingerprint.nonZero(fp), id);
        int got = m.putIfAbsent(fp, id);
        assertEquals(old == null ? -1 : old, got, "putIfAbsent " + Long.toHexString(fp));
        return got;
    }

    private static void checkAll(FingerprintIdMap m, Map<Long, Integer> ref) {
        for (Map.Entry<Long, Integer> e : ref.entrySet()) {
            assertEquals((int) e.getValue(), m.get(e.getKey()), "get " + Long.toHexString(e.getKey()));
        }
        assertEquals(ref.size(), m.size());
    }

    @Test
    void randomPutsMatchAPlainMapAcrossGrowthAndTagWidths() {
        SplittableRandom rnd = new SplittableRandom(20260417L);
        FingerprintIdMap m = new FingerprintIdMap(1);
        Map<Long, Integer> ref = new HashMap<>();
        List<Long> added = new ArrayList<>();
        TreeSet<Integer> idBitsSeen = new TreeSet<>();
        int capacity = m.capacity();
        int growths = 0;
        int next = 0;
        assertEquals(-1, put(m, ref, 0L, next++), "fingerprint 0 is stored (remapped)");
        added.add(0L);
        while (next < 200_000) {
            long fp;
            int r = rnd.nextInt(10);
            if (r < 4) {
                fp = added.get(rnd.nextInt(added.size())); // seen before: its first id
            } else if (r == 4) {
                fp = rnd.nextLong() & 0xFFFF; // small fingerprints: repeats and new ones
            } else {
                fp = rnd.nextLong();
            }
            if (put(m, ref, fp, next) == -1) {
                next++;
                added.add(fp);
            }
            if (rnd.nextInt(8) == 0) {
                long absent = rnd.nextLong();
                if (!ref.containsKey(Fingerprint.nonZero(absent))) {
                    assertEquals(-1, m.get(absent));
                }
            }
            if (m.capacity() != capacity) {
                capacity = m.capacity();
                growths++;
                idBitsSeen.add(m.idBits());
                assertTrue(m.size() < 1L << m.idBits(), "every id + 1 fits the slots");
            }
        }
        assertEquals(0, m.get(0L));
        assertEquals(0, m.get(Fingerprint.ZERO_REMAP), "0 and its remap are one fingerprint");
        checkAll(m, ref);
        assertTrue(growths > 50, "many rehashes: " + growths);
        assertTrue(idBitsSeen.first() <= 6 && idBitsSeen.last() >= 18,
                "tag width re-coded from small to large ids: " + idBitsSeen);
        assertTrue(idBitsSeen.size() >= 12, "every width on the way: " + idBitsSeen);
    }

    @Test
    void fingerprintsWithOneHomeSlotAndOneTagAreKeptApart() {
        SplittableRandom rnd = new SplittableRandom(5);
        FingerprintIdMap m = new FingerprintIdMap(1);
        Map<Long, Integer> ref = new HashMap<>();
        long top = 0x12345678L << 32;
        int next = 0;
        // hashed values that differ only in their low 12 bits: one home slot in every table, and
        // one tag (0) once the ids take 12 bits or more (the tag is the bits above them)
        for (int low = 0; low < 4096; low++) {
            long fp = unhash(top | low);
            assertEquals(Fingerprint.slotIn(fp, 1 << 20), Fingerprint.slotIn(unhash(top), 1 << 20));
            assertEquals(-1, put(m, ref, fp, next++));
        }
        // the same home slot, random tags
        long top2 = 0x9ABCDEF0L << 32;
        for (int k = 0; k < 4096; k++) {
            long fp = unhash(top2 | (rnd.nextLong() & 0xFFFF_FFFFL));
            if (put(m, ref, fp, next) == -1) {
                next++;
            }
        }
        for (int k = 0; k < 20_000; k++) {
            long fp = rnd.nextInt(3) == 0 ? unhash(top | rnd.nextInt(8192)) : rnd.nextLong();
            if (put(m, ref, fp, next) == -1) {
                next++;
            }
        }
        checkAll(m, ref);
        assertEquals(-1, m.get(unhash(top | 8192)));
        assertEquals(-1, m.get(unhash(top | (1L << 31))));
    }

    @Test
    void anIdOfferedAgainOverwritesHarmlessly() {
        FingerprintIdMap m = new FingerprintIdMap(1);
        int n = 1000;
        for (int i = 0; i < n; i++) {
            assertEquals(-1, m.putIfAbsent(Fingerprint.fmix64(i + 1), i));
        }
        long refused = Fingerprint.fmix64(-1);
        long taken = Fingerprint.fmix64(-2);
        assertEquals(-1, m.putIfAbsent(refused, n));
        assertEquals(-1, m.putIfAbsent(taken, n), "the same id again for the next new state");
        assertEquals(n, m.get(taken));
        int r = m.get(refused);
        assertTrue(r == -1 || r == n, "the refused state: " + r);
        // growth and rehash after it (the engine stops; the map must not break if it goes on)
        int cap = m.capacity();
        for (int i = n + 1; m.capacity() == cap || i < 5 * n; i++) {
            assertEquals(-1, m.putIfAbsent(Fingerprint.fmix64(-i - 10), i));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i, m.get(Fingerprint.fmix64(i + 1)));
        }
        assertEquals(n, m.get(taken));
        assertEquals(n, m.putIfAbsent(taken, 12345));
    }

    @Test
    void aLargerIdThanExpectedRecodesTheSlots() {
        FingerprintIdMap m = new FingerprintIdMap(1);
        Map<Long, Integer> ref = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            put(m, ref, Fingerprint.fmix64(i + 1), i);
        }
        int bits = m.idBits();
        assertTrue(bits < 20);
        put(m, ref, 777, 1 << 20);
        assertEquals(21, m.idBits());
        assertEquals(1 << 20, m.get(777));
        put(m, ref, 778, Integer.MAX_VALUE);
        assertEquals(32, m.idBits(), "no tag bits left: the fingerprint check alone");
        for (int i = 10; i < 3000; i++) {
            put(m, ref, Fingerprint.fmix64(i + 1), i);
        }
        checkAll(m, ref);
        assertEquals(Integer.MAX_VALUE, m.get(778));
        assertEquals(-1, m.get(779));
    }

    @Test
    void bytesAreTheSlotTableAndTheAllocatedChunks() {
        FingerprintIdMap m = new FingerprintIdMap(1);
        assertEquals(16, m.capacity());
        assertEquals(16 * 4 + 64 * 8, m.bytes(), "16 int slots and a first chunk of 64 fingerprints");
        assertEquals(Fingerprint.compactGrown(16) * 4L, m.growthBytes());
        int chunk = 1 << FingerprintIdMap.CHUNK_SHIFT;
        int step = FingerprintIdMap.CHUNK_STEP;
        assertEquals(2048, step);
        int n = 0;
        // {states, fingerprint longs allocated}: the first chunk doubles to 2048, then steps of 2048
        long[][] expect = {{1000, 1024}, {2049, 4096}, {16_384, chunk}, {16_385, chunk + step},
            {25_833, chunk + 5 * step}, {100_000, 6L * chunk + step}};
        for (long[] e : expect) {
            for (; n < e[0]; n++) {
                m.putIfAbsent(Fingerprint.fmix64(n + 1), n);
            }
            assertEquals(m.capacity() * 4L + e[1] * 8, m.bytes(), n + " states");
        }
        double slotBytes = m.capacity() * 4.0 / n;
        assertTrue(slotBytes >= 4.0 * 100 / 85 - 0.01 && slotBytes <= 4.0 / 0.75, "int slots: " + slotBytes);
        assertEquals(Fingerprint.compactGrown(m.capacity()) * 4L, m.growthBytes());
        assertEquals(8 + slotBytes, m.bytes() / (double) n, 0.2, "8 bytes a fingerprint and the slots");
    }
}
