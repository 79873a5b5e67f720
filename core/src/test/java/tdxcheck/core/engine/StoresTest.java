package tdxcheck.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The primitive stores: sets, the id map, the exact store, chunked arrays. */
class StoresTest {

    @Test
    void fingerprintIsSeededAndSpreadsSmallDifferences() {
        long[] a = {1, 2, 3};
        long[] b = {1, 2, 4};
        assertEquals(Fingerprint.of(a, 3, 7), Fingerprint.of(a.clone(), 3, 7));
        assertNotEquals(Fingerprint.of(a, 3, 7), Fingerprint.of(b, 3, 7));
        assertNotEquals(Fingerprint.of(a, 3, 7), Fingerprint.of(a, 3, 8));
        assertNotEquals(Fingerprint.of(new long[] {0, 1}, 2, 7), Fingerprint.of(new long[] {1, 0}, 2, 7));
        assertNotEquals(Fingerprint.of(new long[] {0}, 1, 7), Fingerprint.of(new long[] {0, 0}, 2, 7));
        // avalanche: a one-bit change flips about half of the 64 bits
        int total = 0;
        for (int bit = 0; bit < 64; bit++) {
            total += Long.bitCount(Fingerprint.of(new long[] {0}, 1, 7) ^ Fingerprint.of(new long[] {1L << bit}, 1, 7));
        }
        assertTrue(total > 64 * 24 && total < 64 * 40, "mean flipped bits " + total / 64.0);
    }

    @Test
    void fingerprintSetAddsOnceGrowsAndHandlesTheEmptySentinel() {
        FingerprintSet s = new FingerprintSet(1);
        assertEquals(16, s.capacity());
        assertTrue(s.add(0));
        assertFalse(s.add(0));
        assertTrue(s.contains(0));
        // 0 is stored as the remap value: the two share a slot value (a 2^-64 collision by design)
        assertFalse(s.add(Fingerprint.ZERO_REMAP));
        for (long i = 1; i <= 100_000; i++) {
            assertTrue(s.add(i * 0x9E3779B97F4A7C15L + 17));
        }
        for (long i = 1; i <= 100_000; i++) {
            assertFalse(s.add(i * 0x9E3779B97F4A7C15L + 17));
        }
        assertEquals(100_001, s.size());
        // compact: between 85/112 and 85% full, so 9.4 to 10.6 bytes per fingerprint
        double load = (double) s.size() / s.capacity();
        assertTrue(load > 0.75 && load <= 0.85, "load " + load);
        assertTrue(s.bytes() / (double) s.size() < 10.6, s.bytes() + " bytes");
        assertFalse(s.contains(5));
    }

    @Test
    void concurrentSetLetsExactlyOneThreadWinEachFingerprint() throws InterruptedException {
        ConcurrentFingerprintSet small = new ConcurrentFingerprintSet(16);
        // reserve grows until the headroom covers the minimum asked for (and the load is at most 85%)
        long r = small.reserve(1_000_000);
        assertTrue(r >= 1_000_000 && r < small.capacity(), "room " + r + " of " + small.capacity());
        int n = 200_000;
        ConcurrentFingerprintSet s = new ConcurrentFingerprintSet(n);
        long room = s.reserve(n);
        assertTrue(room >= n);
        AtomicInteger wins = new AtomicInteger();
        Thread[] ts = new Thread[4];
        for (int t = 0; t < ts.length; t++) {
            ts[t] = new Thread(() -> {
                int w = 0;
                for (long i = 1; i <= n; i++) {
                    if (s.add(Fingerprint.fmix64(i))) {
                        w++;
                    }
                }
                wins.addAndGet(w);
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(n, wins.get());
        s.addSize(wins.get());
        assertEquals(n, s.size());
        for (long i = 1; i <= n; i++) {
            assertTrue(s.contains(Fingerprint.fmix64(i)));
        }
        assertFalse(s.contains(Fingerprint.fmix64(n + 1)));
        int cap = s.capacity();
        assertEquals(cap, capacityAfterFilling(s, 10_000), "load at most 85% and room for the minimum: no growth");
        // within the room reserved (the set never grows inside add)
        for (long i = n + 1; i <= n + 15_000; i++) {
            assertTrue(s.add(Fingerprint.fmix64(i)));
        }
        s.addSize(15_000);
        int grown = capacityAfterFilling(s, 10_000);
        assertTrue(grown > cap && s.size() <= grown * 85L / 100, "past 85% load: grows to " + grown);
        for (long i = 1; i <= n + 15_000; i++) {
            assertTrue(s.contains(Fingerprint.fmix64(i)), "rehash keeps every fingerprint");
        }
    }

    private static int capacityAfterFilling(ConcurrentFingerprintSet s, long wanted) {
        s.reserve(wanted);
        return s.capacity();
    }

    @Test
    void idMapKeepsTheFirstId() {
        FingerprintIdMap m = new FingerprintIdMap(1);
        for (int i = 0; i < 50_000; i++) {
            assertEquals(-1, m.putIfAbsent(Fingerprint.fmix64(i + 1), i));
        }
        for (int i = 0; i < 50_000; i++) {
            assertEquals(i, m.putIfAbsent(Fingerprint.fmix64(i + 1), 7));
            assertEquals(i, m.get(Fingerprint.fmix64(i + 1)));
        }
        assertEquals(-1, m.get(12345678L));
        assertEquals(-1, m.putIfAbsent(0, 50_000));
        assertEquals(50_000, m.get(0));
    }

    @Test
    void exactStoreSeparatesCollidingStates() {
        ExactStore st = new ExactStore(2, 1);
        assertEquals(-1, st.findOrAdd(42, new long[] {1, 2}, 0));
        assertEquals(-1, st.findOrAdd(42, new long[] {2, 1}, 1));
        assertEquals(1, st.collisions());
        assertEquals(0, st.findOrAdd(42, new long[] {1, 2}, 2));
        assertEquals(1, st.findOrAdd(42, new long[] {2, 1}, 2));
        assertEquals(-1, st.findOrAdd(43, new long[] {2, 1}, 2), "same words, other fingerprint: stored again");
        assertEquals(1, st.collisions());
        for (int i = 3; i < 1000; i++) {
            assertEquals(-1, st.findOrAdd(i % 5, new long[] {i, -i}, i));
        }
        long[] out = new long[2];
        st.get(500, out);
        assertArrayEquals(new long[] {500, -500}, out);
        assertEquals(1000, st.size());
    }

    @Test
    void chunkedArraysGrowAcrossChunks() {
        IntChunks c = new IntChunks();
        // past several 2^20 chunks, including a chunk slot that exists but is still empty
        for (int i = 0; i < 9_000_000; i += 7) {
            c.set(i, i ^ 0x5555);
        }
        for (int i = 0; i < 9_000_000; i += 7) {
            assertEquals(i ^ 0x5555, c.get(i));
        }
        IntChunks sequential = new IntChunks();
        for (int i = 0; i < 5_000_000; i++) {
            sequential.set(i, -i);
        }
        assertEquals(-4_999_999, sequential.get(4_999_999));
        assertEquals(-3_500_000, sequential.get(3_500_000));
        StateArray a = new StateArray(3);
        long[] s = new long[3];
        for (int i = 0; i < 200_000; i++) {
            s[0] = i;
            s[1] = -i;
            s[2] = i * 31L;
            a.add(s);
        }
        assertEquals(200_000, a.size());
        a.get(131_071, s);
        assertArrayEquals(new long[] {131_071, -131_071, 131_071 * 31L}, s);
        assertTrue(a.equalsAt(65_536, new long[] {65_536, -65_536, 65_536 * 31L}));
        a.clear();
        assertEquals(0, a.size());
        a.add(new long[] {9, 9, 9});
        a.get(0, s);
        assertArrayEquals(new long[] {9, 9, 9}, s);
    }

    @Test
    void actionChunksKeepAByteAStateUntilAValueNeedsMore() {
        ActionChunks a = new ActionChunks();
        for (int i = 0; i < 200_000; i++) {
            a.set(i, i % 256);
        }
        assertFalse(a.wide());
        assertTrue(a.bytes() <= 200_000 + (1 << 16), a.bytes() + " bytes: one a state");
        a.fit(255);
        assertFalse(a.wide());
        a.set(200_000, 300);
        assertTrue(a.wide(), "300 needs more than a byte");
        for (int i = 0; i < 200_000; i++) {
            assertEquals(i % 256, a.get(i), "widening keeps id " + i);
        }
        assertEquals(300, a.get(200_000));
        ActionChunks b = new ActionChunks();
        b.set(0, 7);
        b.fit(1 << 20);
        assertTrue(b.wide());
        b.ensureIndex(70_000);
        b.set(70_000, 1 << 20);
        assertEquals(7, b.get(0));
        assertEquals(1 << 20, b.get(70_000));
    }

    @Test
    void diskSetAnswersLikeTheMemorySetAcrossSpills(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        DiskFingerprintSet d = new DiskFingerprintSet(dir, 16, 2048);
        FingerprintSet m = new FingerprintSet(16);
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 300_000; i++) {
            // a third of the adds repeat an earlier fingerprint (in the table or already on disk)
            long fp = i % 3 == 0 && i > 0 ? Fingerprint.fmix64(1 + r.nextInt(i)) : Fingerprint.fmix64(1 + i);
            boolean isNew = m.add(fp);
            assertEquals(isNew ? SeenSet.NEW : SeenSet.SEEN, d.add(fp, null, -1), "add " + i);
        }
        assertEquals(m.size(), d.size());
        assertTrue(d.flushes() > 100, "spilled " + d.flushes() + " times");
        assertTrue(d.diskBytes() > m.size() * 8 / 2 && d.diskBytes() <= m.size() * 8, "the file holds the spilled"
                + " fingerprints: " + d.diskBytes());
        assertTrue(d.bytes() < 2048 * 8 + d.diskBytes() / 8 / DiskFingerprintSet.BLOCK * 8 + 64, "heap: the table"
                + " and the index only");
        assertEquals(SeenSet.SEEN, d.add(0, null, -1) == SeenSet.NEW ? d.add(0, null, -1) : SeenSet.SEEN);
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(1, files.count());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        d.close();
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(0, files.count(), "close deletes the file");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
