package tdxcheck.core.liveness;

import java.util.Arrays;

/**
 * A growable array of small non-negative codes (an edge's label, a node's pending mask as
 * numbered by a {@link LabelTable}) stored as bytes while every code is below 256, as chars while
 * below 65536, else as ints: a state graph's labels take one byte each on the models we check.
 */
final class CodeArray {
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
