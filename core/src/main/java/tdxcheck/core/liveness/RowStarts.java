package tdxcheck.core.liveness;

/**
 * The row starts of a compressed-sparse-row graph (the first edge of every node, plus the edge
 * count at the end) in about 1.25 bytes a node instead of 4: the start of every 16th row as an
 * {@code int}, and per row its offset from that as a code ({@link CodeArray}: a byte while every
 * block of 16 rows has fewer than 256 edges, as on the tdx models; wider otherwise).
 */
final class RowStarts {
    private static final int SHIFT = 4;

    private final int[] base;
    private final CodeArray offset;
    private final int length;

    /** From {@code starts} (non-decreasing, {@code nodeCount + 1} entries). */
    RowStarts(int[] starts) {
        length = starts.length;
        base = new int[(length + (1 << SHIFT) - 1) >>> SHIFT];
        offset = new CodeArray(length);
        for (int v = 0; v < length; v++) {
            if ((v & ((1 << SHIFT) - 1)) == 0) {
                base[v >>> SHIFT] = starts[v];
            }
            offset.add(starts[v] - base[v >>> SHIFT]);
        }
        offset.trim();
    }

    /** Entry {@code v}: the first edge of node {@code v} (the edge count for {@code v = nodeCount}). */
    int get(int v) {
        return base[v >>> SHIFT] + offset.get(v);
    }

    int length() {
        return length;
    }

    /** Payload bytes. */
    long bytes() {
        return 4L * base.length + offset.bytes();
    }
}
