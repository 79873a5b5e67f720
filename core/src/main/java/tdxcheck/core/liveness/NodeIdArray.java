package tdxcheck.core.liveness;

import java.util.Arrays;

/**
 * A growable array of node ids (an edge's destination): three bytes each while every id is below
 * 2^24 (16.7 million nodes), four (an {@code int[]}) from the first larger id on.
 */
final class NodeIdArray {
    private static final int THREE_BYTE_LIMIT = 1 << 24;

    private byte[] packed;
    private int[] ints;
    private int size;

    NodeIdArray(int capacity) {
        packed = new byte[3 * Math.max(16, capacity)];
    }

    /** From an {@code int[]} of exact length. */
    static NodeIdArray of(int[] ids) {
        NodeIdArray a = new NodeIdArray(ids.length);
        for (int id : ids) {
            a.add(id);
        }
        a.trim();
        return a;
    }

    int size() {
        return size;
    }

    int get(int k) {
        byte[] p = packed;
        if (p != null) {
            int o = 3 * k;
            return (p[o] & 0xFF) | (p[o + 1] & 0xFF) << 8 | (p[o + 2] & 0xFF) << 16;
        }
        return ints[k];
    }

    void add(int id) {
        if (packed != null && id >= THREE_BYTE_LIMIT) {
            ints = new int[packed.length / 3];
            for (int k = 0; k < size; k++) {
                ints[k] = get(k);
            }
            packed = null;
        }
        if (packed != null) {
            int o = 3 * size;
            if (o + 3 > packed.length) {
                packed = Arrays.copyOf(packed, 3 * grown(size));
            }
            packed[o] = (byte) id;
            packed[o + 1] = (byte) (id >>> 8);
            packed[o + 2] = (byte) (id >>> 16);
        } else {
            if (size == ints.length) {
                ints = Arrays.copyOf(ints, grown(size));
            }
            ints[size] = id;
        }
        size++;
    }

    private static int grown(int size) {
        long next = size + (size >> 1) + 16L;
        if (next > (Integer.MAX_VALUE - 8) / 3) {
            next = Math.max(size + 1L, (Integer.MAX_VALUE - 8) / 3);
        }
        return (int) next;
    }

    /** Cuts the storage to the size. */
    void trim() {
        if (packed != null) {
            packed = Arrays.copyOf(packed, 3 * size);
        } else {
            ints = Arrays.copyOf(ints, size);
        }
    }

    /** Payload bytes. */
    long bytes() {
        return packed != null ? packed.length : 4L * ints.length;
    }
}
