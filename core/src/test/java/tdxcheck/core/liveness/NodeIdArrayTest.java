package tdxcheck.core.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Node ids in three bytes, widened to ints at the first id of 2^24 or more, every value kept. */
class NodeIdArrayTest {
    @Test
    void threeBytesThenIntsKeepEveryId() {
        NodeIdArray a = new NodeIdArray(0);
        int[] ids = {0, 1, 255, 256, 65_535, 65_536, (1 << 24) - 1, 12_345_678};
        for (int id : ids) {
            a.add(id);
        }
        a.trim();
        assertEquals(3L * ids.length, a.bytes());
        a.add(1 << 24);
        a.add(Integer.MAX_VALUE);
        a.trim();
        assertEquals(4L * (ids.length + 2), a.bytes());
        for (int k = 0; k < ids.length; k++) {
            assertEquals(ids[k], a.get(k));
        }
        assertEquals(1 << 24, a.get(ids.length));
        assertEquals(Integer.MAX_VALUE, a.get(ids.length + 1));
    }

    @Test
    void labelCodesWidenFromBytesToCharsToInts() {
        CodeArray c = new CodeArray(0);
        int[] codes = {0, 255, 256, 65_535, 65_536, 7};
        for (int v : codes) {
            c.add(v);
        }
        c.trim();
        assertEquals(4L * codes.length, c.bytes());
        for (int k = 0; k < codes.length; k++) {
            assertEquals(codes[k], c.get(k));
        }
    }
}
