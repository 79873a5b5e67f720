package tdxcheck.core.liveness;

import java.util.Arrays;

/**
 * Numbers distinct labels, each a pair of {@code long}s, 0, 1, 2, ... in order of first
 * appearance (open addressing on the codes). A state graph stores a code per edge (action,
 * actor, progress mask, permutation) and per node (pending mask, held-back actors) instead of the
 * fields: few distinct labels occur, so a code fits a byte.
 */
final class LabelTable {
    private long[] first = new long[16];
    private long[] second = new long[16];
    private int[] slots = new int[32];
    private int size;

    int size() {
        return size;
    }

    long first(int code) {
        return first[code];
    }

    long second(int code) {
        return second[code];
    }

    /** The code of label {@code (a, b)}, given the next free code if it is new. */
    int intern(long a, long b) {
        int mask = slots.length - 1;
        int i = hash(a, b) & mask;
        while (true) {
            int c = slots[i] - 1;
            if (c < 0) {
                break;
            }
            if (first[c] == a && second[c] == b) {
                return c;
            }
            i = (i + 1) & mask;
        }
        if (size == first.length) {
            first = Arrays.copyOf(first, size * 2);
            second = Arrays.copyOf(second, size * 2);
        }
        first[size] = a;
        second[size] = b;
        slots[i] = ++size;
        if (size * 2 > slots.length) {
            rehash();
        }
        return size - 1;
    }

    private void rehash() {
        int[] s = new int[slots.length * 2];
        int mask = s.length - 1;
        for (int c = 0; c < size; c++) {
            int i = hash(first[c], second[c]) & mask;
            while (s[i] != 0) {
                i = (i + 1) & mask;
            }
            s[i] = c + 1;
        }
        slots = s;
    }

    private static int hash(long a, long b) {
        // murmur3's finalizer over both halves: every bit of a label reaches the low bits
        long h = a ^ Long.rotateLeft(b, 31) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h;
    }

    /** Payload bytes. */
    long bytes() {
        return 16L * first.length + 4L * slots.length;
    }
}
