package tdxcheck.core.liveness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The compact edge store gives back every destination and label it was given, whatever the order,
 * and takes no payload for tree edges, one or two bytes for recent targets and three for others.
 */
class EdgeTargetsTest {
    @Test
    void bfsShapedEdgesCostTheirKindsAndDecodeExactly() {
        // two initial nodes (tree base 2); node 0 discovers 2 and 3, node 1 goes back to 0 and 3,
        // node 2 discovers 4 and loops to itself, node 3 goes to 1
        EdgeTargets t = new EdgeTargets(2, 0);
        int[] dst = {2, 3, 0, 3, 4, 2, 1};
        int[] label = {5, 6, 7, 5, 6, 7, 0};
        for (int e = 0; e < dst.length; e++) {
            t.add(dst[e], label[e]);
        }
        t.trim();
        for (int e = 0; e < dst.length; e++) {
            assertEquals(dst[e], t.dst(e), "dst of edge " + e);
            assertEquals(label[e], t.label(e), "label of edge " + e);
        }
        // payload: 3 tree edges 0 bytes, 0 (back 3), 3 (back 0), 2 (back 2), 1 (back 3): 1 byte each
        // codes 7 bytes, one block (2 chars) of one superblock (2 ints)
        assertEquals(7 + 4 + 4 + 8, t.bytes());
        int[] row = new int[4];
        t.dsts(2, 6, row);
        assertArrayEquals(new int[] {0, 3, 4, 2}, row);
    }

    @Test
    void farTargetsTakeThreeBytesAndHugeIdsTheSideTable() {
        EdgeTargets t = new EdgeTargets(0, 0);
        int[] dst = {0, 1, 70_000, 1 << 16, 300, (1 << 24) - 1, Integer.MAX_VALUE, 2, 1 << 24};
        for (int e = 0; e < dst.length; e++) {
            t.add(dst[e], e);
        }
        t.trim();
        for (int e = 0; e < dst.length; e++) {
            assertEquals(dst[e], t.dst(e), "dst of edge " + e);
            assertEquals(e, t.label(e));
        }
        // 0, 1 and 2 are tree edges (each the next id); 70000, 65536, 300 (ahead of the newest
        // node), 2^24-1, MAX and 2^24 take three bytes, the last three through the side table
        assertEquals(2, t.dst(7));
        assertEquals(9 + 6 * 3 + 4 + 8 + 3 * 8, t.bytes());
    }

    @Test
    void randomGraphsInAnyOrderDecodeExactlyAcrossManyBlocks() {
        SplittableRandom r = new SplittableRandom(17);
        for (int round = 0; round < 20; round++) {
            int nodes = 1 + r.nextInt(5000);
            int base = r.nextInt(3);
            int edges = r.nextInt(20_000);
            int[] dst = new int[edges];
            int[] label = new int[edges];
            int next = base;
            EdgeTargets t = new EdgeTargets(base, r.nextInt(100));
            for (int e = 0; e < edges; e++) {
                int pick = r.nextInt(4);
                dst[e] = pick == 0 && next < nodes ? next++ : pick == 1 ? Math.max(0, next - 1 - r.nextInt(300))
                        : r.nextInt(nodes + 70_000);
                label[e] = round < 10 ? r.nextInt(40) : r.nextInt(100_000);
                t.add(dst[e], label[e]);
            }
            if (round % 2 == 0) {
                t.trim();
            }
            assertEquals(edges, t.size());
            for (int e = 0; e < edges; e++) {
                assertEquals(dst[e], t.dst(e), "round " + round + " dst of edge " + e);
                assertEquals(label[e], t.label(e), "round " + round + " label of edge " + e);
            }
            int[] row = new int[100];
            for (int from = 0; from < edges; from += 1 + r.nextInt(100)) {
                int to = Math.min(edges, from + r.nextInt(101));
                t.dsts(from, to, row);
                for (int e = from; e < to; e++) {
                    assertEquals(dst[e], row[e - from], "round " + round + " row from " + from + ", edge " + e);
                }
            }
        }
    }

    @Test
    void refusesNegativeIdsAndLabels() {
        EdgeTargets t = new EdgeTargets(0, 0);
        assertThrows(IllegalArgumentException.class, () -> t.add(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> t.add(0, -1));
        assertThrows(IllegalArgumentException.class, () -> new EdgeTargets(-1, 0));
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

    @Test
    void lowBitCountsAgreeWithALoopForEveryRangeAndWidth() {
        SplittableRandom r = new SplittableRandom(5);
        for (int width : new int[] {0xFF, 0xFFFF, Integer.MAX_VALUE}) {
            CodeArray c = new CodeArray(0);
            int[] v = new int[200];
            for (int k = 0; k < v.length; k++) {
                v[k] = r.nextInt(width);
                c.add(v[k]);
            }
            for (int from = 0; from < 70; from++) {
                for (int to = from; to < from + 64 && to <= v.length; to++) {
                    int zeros = 0;
                    int sum = 0;
                    for (int k = from; k < to; k++) {
                        sum += v[k] & 3;
                        zeros += (v[k] & 3) == 0 ? 1 : 0;
                    }
                    assertEquals(zeros << 16 | sum, c.lowBitCounts(from, to), from + ".." + to);
                }
            }
        }
    }

    @Test
    void rowStartsGrowAndRefuseADecrease() {
        RowStarts s = new RowStarts(0);
        int[] starts = new int[100];
        for (int v = 0; v < starts.length; v++) {
            starts[v] = v * 7 + (v > 50 ? 400 : 0);
            s.add(starts[v]);
        }
        s.trim();
        for (int v = 0; v < starts.length; v++) {
            assertEquals(starts[v], s.get(v));
        }
        assertEquals(4L * 7 + 2 * 100, s.bytes()); // offsets past 255 in a block: chars
        RowStarts t = RowStarts.of(new int[] {0, 3});
        assertThrows(IllegalArgumentException.class, () -> t.add(2));
    }
}
