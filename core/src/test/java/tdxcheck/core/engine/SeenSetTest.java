package tdxcheck.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The five stores behind the one {@link SeenSet} interface answer {@code add} the same way. */
class SeenSetTest {

    @Test
    void eachKindCreatesItsStore() {
        assertInstanceOf(FingerprintSet.class, StoreKind.FINGERPRINTS.create(2, 8));
        assertInstanceOf(ConcurrentFingerprintSet.class, StoreKind.CONCURRENT_FINGERPRINTS.create(2, 8));
        assertInstanceOf(FingerprintIdMap.class, StoreKind.FINGERPRINT_IDS.create(2, 8));
        assertInstanceOf(ExactStore.class, StoreKind.EXACT.create(2, 8));
        SeenSet disk = StoreKind.DISK.create(2, 8);
        assertInstanceOf(DiskFingerprintSet.class, disk);
        disk.close();
    }

    @Test
    void addAnswersNewThenTheIdOrSeen() {
        for (StoreKind k : StoreKind.values()) {
            SeenSet s = k.create(2, 4);
            s.ensureRoom(1000);
            s.reserve(1000);
            int n = 0;
            for (long i = 0; i < 1000; i++) {
                long[] st = {i, i * 3};
                assertEquals(SeenSet.NEW, s.add(Fingerprint.of(st, 2, 7), st, n), k + " " + i);
                n++;
            }
            s.addSize(1000);
            for (long i = 0; i < 1000; i++) {
                long[] st = {i, i * 3};
                int again = s.add(Fingerprint.of(st, 2, 7), st, n);
                assertEquals(s.keepsIds() ? (int) i : SeenSet.SEEN, again, k + " " + i);
            }
            assertEquals(k == StoreKind.FINGERPRINT_IDS || k == StoreKind.EXACT, s.keepsIds(), k.toString());
            assertEquals(0, s.collisions());
            long held = s.bytes() + (s instanceof DiskFingerprintSet d ? d.diskBytes() : 0); // heap, or heap and file
            assertTrue(held >= 1000 * 8, k + " holds at least a fingerprint per state");
            long[] fps = {1, 2, 3};
            s.touch(fps, 3);
            assertEquals(SeenSet.NEW, s.add(12345, new long[] {-1, -1}, n), "touch changes nothing");
            s.close();
        }
    }

    @Test
    void theExactStoreKeepsTwoStatesWithOneFingerprint() {
        SeenSet s = StoreKind.EXACT.create(1, 4);
        assertEquals(SeenSet.NEW, s.add(42, new long[] {1}, 0));
        assertEquals(SeenSet.NEW, s.add(42, new long[] {2}, 1));
        assertEquals(1, s.add(42, new long[] {2}, 2));
        assertEquals(1, s.collisions());
        SeenSet f = StoreKind.FINGERPRINTS.create(1, 4);
        assertEquals(SeenSet.NEW, f.add(42, new long[] {1}, 0));
        assertFalse(f.add(42, new long[] {2}, 1) == SeenSet.NEW, "hash compaction trusts the fingerprint");
    }
}
