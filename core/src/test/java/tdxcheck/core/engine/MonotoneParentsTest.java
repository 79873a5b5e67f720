package tdxcheck.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every parent comes back exactly: small steps, big steps, steps down, across blocks and chunks. */
class MonotoneParentsTest {
    @Test
    void everyParentComesBack() {
        Random r = new Random(17);
        int n = 200_000;
        int[] want = new int[n];
        MonotoneParents m = new MonotoneParents();
        int p = -1;
        for (int id = 0; id < n; id++) {
            int roll = r.nextInt(1000);
            if (id < 3) {
                p = -1; // initial states
            } else if (roll < 5) {
                p += 255 + r.nextInt(100_000); // a long run of states without new successors: an escape
            } else if (roll < 7) {
                p = r.nextInt(id); // a step down: never in BFS, still kept
            } else {
                p += r.nextInt(3);
            }
            want[id] = p;
            m.set(id, p);
        }
        for (int id = 0; id < n; id++) {
            assertEquals(want[id], m.get(id), "id " + id);
        }
        assertTrue(m.bytes() < 2L * n, "about a byte a state: " + m.bytes());
        assertThrows(IllegalStateException.class, () -> m.set(n + 1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(n));
    }
}
