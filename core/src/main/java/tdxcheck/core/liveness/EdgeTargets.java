package tdxcheck.core.liveness;

import java.util.Arrays;

/**
 * The label code and the destination of every edge of a state graph, by edge index, in about 2.7
 * bytes an edge on fault-storm 4x3 instead of 4 (a 3-byte id and a label byte).
 *
 * <p>Why it is small: a breadth-first search reports the edge that discovers a node right when it
 * gives the node the next id, so those tree edges (one per node that is not initial, a quarter to a
 * third of all edges) name exactly {@code treeBase + (tree edges before them)} and need no bytes
 * at all; and most other edges lead back to a node found shortly before (the same or the previous
 * BFS level), so their distance back from the newest node so far often fits one or two bytes.
 *
 * <p>Per edge a code {@code label << 2 | kind} ({@link CodeArray}: a byte while fewer than 64
 * labels occur) and a payload of {@code kind} bytes in one byte stream:
 * <ul>
 *   <li>kind 0: a tree edge, destination {@code treeBase + t} where {@code t} counts the tree edges
 *       before it; no payload;
 *   <li>kind 1, 2: destination {@code treeBase + t - 1 - d} for a distance {@code d} below 2^8,
 *       2^16 in one, two bytes;
 *   <li>kind 3: the destination itself in three bytes; an id of 2^24 - 1 or more is stored as
 *       {@code 0xFFFFFF} and looked up in a side table.
 * </ul>
 * Random access: per 1024 edges the tree edges and payload bytes before them (two ints), per 32
 * edges the same counted from there (two chars): 0.133 bytes an edge; an edge's own counts add the
 * kinds of at most 31 codes before it ({@link CodeArray#lowBitCounts}, eight codes at a time). A
 * whole row decodes in one pass ({@link #dsts}). Any edge order is allowed (the kinds
 * only save room when the order is BFS's); {@code treeBase} is the number of nodes that exist
 * before the first edge (the initial nodes).
 */
final class EdgeTargets {
    private static final int BLOCK_SHIFT = 5;
    private static final int BLOCK = 1 << BLOCK_SHIFT;
    private static final int SUPER_SHIFT = 10;
    private static final int ESCAPE = 0xFFFFFF;
    private static final int MAX_PAYLOAD = Integer.MAX_VALUE - 8;

    private final int treeBase;
    private final CodeArray codes;
    private byte[] payload;
    private int payloadSize;
    private int[] superTree;
    private int[] superPayload;
    private char[] blockTree;
    private char[] blockPayload;
    private int size;
    private int treeCount;
    /** Edges whose destination is {@value #ESCAPE} or more: edge index and destination, by edge. */
    private int[] escEdge = new int[0];
    private int[] escDst = new int[0];
    private int escCount;

    EdgeTargets(int treeBase, int capacity) {
        if (treeBase < 0) {
            throw new IllegalArgumentException("treeBase must be >= 0, got " + treeBase);
        }
        this.treeBase = treeBase;
        int cap = Math.max(16, capacity);
        codes = new CodeArray(cap);
        payload = new byte[Math.max(16, cap * 2)];
        superTree = new int[(cap >>> SUPER_SHIFT) + 1];
        superPayload = new int[superTree.length];
        blockTree = new char[(cap >>> BLOCK_SHIFT) + 1];
        blockPayload = new char[blockTree.length];
    }

    /** From arrays of exact length (destinations and label codes by edge). */
    static EdgeTargets of(int treeBase, int[] dst, CodeArray labels) {
        EdgeTargets t = new EdgeTargets(treeBase, dst.length);
        for (int e = 0; e < dst.length; e++) {
            t.add(dst[e], labels.get(e));
        }
        t.trim();
        return t;
    }

    int size() {
        return size;
    }

    /** Appends an edge to {@code dst} with label code {@code label} (both non-negative). */
    void add(int dst, int label) {
        if (dst < 0 || label < 0 || label > (Integer.MAX_VALUE >>> 2)) {
            throw new IllegalArgumentException("edge to " + dst + " with label " + label);
        }
        int e = size;
        if ((e & (BLOCK - 1)) == 0) {
            mark(e);
        }
        int next = treeBase + treeCount; // the destination a tree edge here names
        int kind;
        long back = (long) next - 1 - dst;
        if (dst == next) {
            kind = 0;
            treeCount++;
        } else if (back >= 0 && back < 1 << 8) {
            kind = 1;
        } else if (back >= 0 && back < 1 << 16) {
            kind = 2;
        } else {
            kind = 3;
        }
        if (kind != 0) {
            room(kind);
            int v = kind == 3 ? Math.min(dst, ESCAPE) : (int) back;
            byte[] p = payload;
            int o = payloadSize;
            p[o] = (byte) v;
            if (kind >= 2) {
                p[o + 1] = (byte) (v >>> 8);
            }
            if (kind == 3) {
                p[o + 2] = (byte) (v >>> 16);
                if (v == ESCAPE) {
                    escape(e, dst);
                }
            }
            payloadSize = o + kind;
        }
        codes.add(label << 2 | kind);
        size = e + 1;
    }

    /** At the first edge of a block: the counts before it. */
    private void mark(int e) {
        int sb = e >>> SUPER_SHIFT;
        if ((e & ((1 << SUPER_SHIFT) - 1)) == 0) {
            if (sb == superTree.length) {
                int cap = sb + (sb >> 1) + 16;
                superTree = Arrays.copyOf(superTree, cap);
                superPayload = Arrays.copyOf(superPayload, cap);
            }
            superTree[sb] = treeCount;
            superPayload[sb] = payloadSize;
        }
        int b = e >>> BLOCK_SHIFT;
        if (b == blockTree.length) {
            int cap = b + (b >> 1) + 16;
            blockTree = Arrays.copyOf(blockTree, cap);
            blockPayload = Arrays.copyOf(blockPayload, cap);
        }
        // within a superblock: at most 1023 tree edges and 3 * 1023 payload bytes, both below 2^16
        blockTree[b] = (char) (treeCount - superTree[sb]);
        blockPayload[b] = (char) (payloadSize - superPayload[sb]);
    }

    private void room(int n) {
        if (payloadSize + n > payload.length) {
            if (payloadSize + n > MAX_PAYLOAD) {
                throw new IllegalStateException("state graph too large: edge destinations pass 2^31 bytes");
            }
            long cap = Math.min(MAX_PAYLOAD, payload.length + (payload.length >> 1) + 16L);
            payload = Arrays.copyOf(payload, (int) Math.max(cap, payloadSize + n));
        }
    }

    private void escape(int e, int dst) {
        if (escCount == escEdge.length) {
            int cap = escCount * 2 + 4;
            escEdge = Arrays.copyOf(escEdge, cap);
            escDst = Arrays.copyOf(escDst, cap);
        }
        escEdge[escCount] = e;
        escDst[escCount] = dst;
        escCount++;
    }

    /** The label code of edge {@code e}. */
    int label(int e) {
        return codes.get(e) >>> 2;
    }

    /** The destination of edge {@code e}. */
    int dst(int e) {
        long before = before(e);
        return decode(e, codes.get(e) & 3, (int) (before >>> 32), (int) before);
    }

    /**
     * The destinations of edges {@code from .. to-1} into {@code out[0 ..]}, decoded in one pass
     * (a row of the graph).
     */
    void dsts(int from, int to, int[] out) {
        if (from >= to) {
            return;
        }
        long before = before(from);
        int tree = (int) (before >>> 32);
        int pay = (int) before;
        for (int e = from; e < to; e++) {
            int kind = codes.get(e) & 3;
            out[e - from] = decode(e, kind, tree, pay);
            if (kind == 0) {
                tree++;
            }
            pay += kind;
        }
    }

    /** The tree edges (high 32 bits) and payload bytes (low 32) before edge {@code e}. */
    private long before(int e) {
        int b = e >>> BLOCK_SHIFT;
        int sb = e >>> SUPER_SHIFT;
        int counts = codes.lowBitCounts(b << BLOCK_SHIFT, e); // zero kinds << 16 | sum of kinds
        int tree = superTree[sb] + blockTree[b] + (counts >>> 16);
        int pay = superPayload[sb] + blockPayload[b] + (counts & 0xFFFF);
        return (long) tree << 32 | (pay & 0xFFFFFFFFL);
    }

    /** Edge {@code e} of {@code kind}, with {@code tree} tree edges and {@code pay} payload bytes before it. */
    private int decode(int e, int kind, int tree, int pay) {
        if (kind == 0) {
            return treeBase + tree;
        }
        byte[] p = payload;
        if (kind == 3) {
            int v = (p[pay] & 0xFF) | (p[pay + 1] & 0xFF) << 8 | (p[pay + 2] & 0xFF) << 16;
            return v == ESCAPE ? escaped(e) : v;
        }
        int back = kind == 1 ? p[pay] & 0xFF : (p[pay] & 0xFF) | (p[pay + 1] & 0xFF) << 8;
        return treeBase + tree - 1 - back;
    }

    private int escaped(int e) {
        int k = Arrays.binarySearch(escEdge, 0, escCount, e);
        return escDst[k];
    }

    /** Cuts the storage to the size (after the last {@link #add}). */
    void trim() {
        codes.trim();
        payload = Arrays.copyOf(payload, payloadSize);
        int blocks = (size + BLOCK - 1) >>> BLOCK_SHIFT;
        blockTree = Arrays.copyOf(blockTree, blocks);
        blockPayload = Arrays.copyOf(blockPayload, blocks);
        int supers = (size + (1 << SUPER_SHIFT) - 1) >>> SUPER_SHIFT;
        superTree = Arrays.copyOf(superTree, supers);
        superPayload = Arrays.copyOf(superPayload, supers);
        escEdge = Arrays.copyOf(escEdge, escCount);
        escDst = Arrays.copyOf(escDst, escCount);
    }

    /** Payload bytes of the storage. */
    long bytes() {
        return codes.bytes() + payload.length + 2L * (blockTree.length + blockPayload.length)
                + 4L * (superTree.length + superPayload.length) + 4L * (escEdge.length + escDst.length);
    }
}
