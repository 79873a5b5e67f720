package tdxcheck.core.liveness;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable array of small non-negative codes (an edge's label, a node's pending mask as
 * numbered by a {@link LabelTable}) stored as bytes while every code is below 256, as chars while
 * below 65536, else as ints: a state graph's labels take one byte each on the models we check.
 */
final class CodeArray {
    /** Eight byte codes at a time ({@link #lowBitCounts}). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW2 = 0x0303030303030303L;
    private static final long ONES = 0x0101010101010101L;

    private byte[] bytes;
    private char[] chars;
    private int[] ints;
    private int size;

    CodeArray(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    int get(int k) {
        if (bytes != null) {
            return bytes[k] & 0xFF;
        }
        return chars != null ? chars[k] : ints[k];
    }

    /**
     * Over the codes {@code from .. to-1} (fewer than 2^14 of them): the number whose low two
     * bits are 0, shifted left by 16, plus the sum of their low two bits ({@link EdgeTargets}'s
     * tree edges and payload bytes).
     */
    int lowBitCounts(int from, int to) {
        int sum = 0;
        int zeros = 0;
        int k = from;
        byte[] b = bytes;
        if (b != null) {
            for (; k + 8 <= to; k += 8) {
                long c = (long) LONGS.get(b, k) & LOW2;
                sum += (int) ((c * ONES) >>> 56);
                zeros += 8 - Long.bitCount((c | (c >>> 1)) & ONES);
            }
            int r = to - k;
            if (r > 0 && to >= 8) {
                // the last r codes: the top r bytes of the word that ends at 'to'
                long c = ((long) LONGS.get(b, to - 8) >>> (64 - 8 * r)) & LOW2;
                sum += (int) ((c * ONES) >>> 56);
                zeros += r - Long.bitCount((c | (c >>> 1)) & ONES);
                return zeros << 16 | sum;
            }
        }
        for (; k < to; k++) {
            int c = get(k) & 3;
            sum += c;
            zeros += c == 0 ? 1 : 0;
        }
        return zeros << 16 | sum;
    }

    void add(int code) {
        if (bytes != null && code > 0xFF) {
            chars = new char[bytes.length];
            for (int k = 0; k < size; k++) {
                chars[k] = (char) (bytes[k] & 0xFF);
            }
            bytes = null;
        }
        if (chars != null && code > 0xFFFF) {
            ints = new int[chars.length];
            for (int k = 0; k < size; k++) {
                ints[k] = chars[k];
            }
            chars = null;
        }
        if (size == length()) {
            int cap = (int) Math.min(Integer.MAX_VALUE - 8, size + (size >> 1) + 16L);
            if (bytes != null) {
                bytes = Arrays.copyOf(bytes, cap);
            } else if (chars != null) {
                chars = Arrays.copyOf(chars, cap);
            } else {
                ints = Arrays.copyOf(ints, cap);
            }
        }
        if (bytes != null) {
            bytes[size++] = (byte) code;
        } else if (chars != null) {
            chars[size++] = (char) code;
        } else {
            ints[size++] = code;
        }
    }

    private int length() {
        return bytes != null ? bytes.length : chars != null ? chars.length : ints.length;
    }

    /** Cuts the storage to the size (after the last {@link #add}). */
    void trim() {
        if (bytes != null) {
            bytes = Arrays.copyOf(bytes, size);
        } else if (chars != null) {
            chars = Arrays.copyOf(chars, size);
        } else {
            ints = Arrays.copyOf(ints, size);
        }
    }

    /** Payload bytes of the storage (its length times the element size). */
    long bytes() {
        return bytes != null ? bytes.length : chars != null ? 2L * chars.length : 4L * ints.length;
    }
}
