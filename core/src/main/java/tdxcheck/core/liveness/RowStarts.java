package tdxcheck.core.liveness;

import java.util.Arrays;

/**
 * The row starts of a compressed-sparse-row graph (the first edge of every node, plus the edge
 * count at the end) in about 1.25 bytes a node instead of 4: the start of every 16th row as an
 * {@code int}, and per row its offset from that as a code ({@link CodeArray}: a byte while every
 * block of 16 rows has fewer than 256 edges, as on the tdx models; wider otherwise). Grows as the
 * rows arrive, so a graph being built never holds an {@code int} per node either.
 */
final class RowStarts {
    private static final int SHIFT = 4;

    private int[] base;
    private final CodeArray offset;
    private int length;

    /** Empty, room for about {@code capacity} entries (it grows past them). */
    RowStarts(int capacity) {
        base = new int[(Math.max(16, capacity) >>> SHIFT) + 1];
        offset = new CodeArray(capacity);
    }

    /** From {@code starts} (non-decreasing, {@code nodeCount + 1} entries). */
    static RowStarts of(int[] starts) {
        RowStarts r = new RowStarts(starts.length);
        for (int s : starts) {
            r.add(s);
        }
        r.trim();
        return r;
    }

    /** Appends the next entry (not below the last one). */
    void add(int start) {
        int v = length;
        if (v > 0 && start < get(v - 1)) {
            throw new IllegalArgumentException("row start " + start + " below the one before, " + get(v - 1));
        }
        if ((v & ((1 << SHIFT) - 1)) == 0) {
            int b = v >>> SHIFT;
            if (b == base.length) {
                base = Arrays.copyOf(base, b + (b >> 1) + 16);
            }
            base[b] = start;
        }
        offset.add(start - base[v >>> SHIFT]);
        length = v + 1;
    }

    /** Entry {@code v}: the first edge of node {@code v} (the edge count for {@code v = nodeCount}). */
    int get(int v) {
        return base[v >>> SHIFT] + offset.get(v);
    }

    int length() {
        return length;
    }

    /** Cuts the storage to the length (after the last {@link #add}). */
    void trim() {
        base = Arrays.copyOf(base, (length + (1 << SHIFT) - 1) >>> SHIFT);
        offset.trim();
    }

    /** Payload bytes. */
    long bytes() {
        return 4L * base.length + offset.bytes();
    }
}
