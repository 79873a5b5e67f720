package tdxcheck.core.engine;

import java.util.Arrays;

/**
 * A growable list of fixed-width packed states in {@code long[]} chunks of 2^16 states (a state
 * never straddles two chunks). Used for BFS frontiers and the full states of exact mode.
 */
public final class StateArray {
    private static final int SHIFT = 16;
    private static final int PER_CHUNK = 1 << SHIFT;
    private static final int MASK = PER_CHUNK - 1;

    private final int words;
    private long[][] chunks;
    private int size;

    public StateArray(int words) {
        if (words < 1) {
            throw new IllegalArgumentException("a state has at least one word");
        }
        this.words = words;
        this.chunks = new long[][] {new long[Math.min(PER_CHUNK, 64) * words]};
    }

    public int size() {
        return size;
    }

    public void add(long[] state) {
        add(state, 0);
    }

    /** Appends the state at {@code src[from .. from + words)}. */
    public void add(long[] src, int from) {
        if (size == Integer.MAX_VALUE) {
            throw new OutOfMemoryError("state array full");
        }
        int c = size >>> SHIFT;
        int o = (size & MASK) * words;
        if (c >= chunks.length || chunks[c] == null || o + words > chunks[c].length) {
            ensure(c, o + words);
        }
        System.arraycopy(src, from, chunks[c], o, words);
        size++;
    }

    private void ensure(int c, int need) {
        if (c >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
        }
        long[] ch = chunks[c];
        int full = PER_CHUNK * words;
        if (ch == null) {
            chunks[c] = new long[full];
        } else if (need > ch.length) {
            chunks[c] = Arrays.copyOf(ch, Math.min(full, Math.max(need, ch.length * 2)));
        }
    }

    /**
     * Makes room for {@code n} more states and counts them in the size, uninitialised: they are
     * written with {@link #put}, possibly by several threads at once (each its own indices), after
     * a happens-before edge from this call.
     */
    public void extend(int n) {
        long end = (long) size + n;
        if (end > Integer.MAX_VALUE) {
            throw new OutOfMemoryError("state array full");
        }
        if (n > 0) {
            int last = (int) end - 1;
            for (int c = size >>> SHIFT; c <= last >>> SHIFT; c++) {
                int need = c == last >>> SHIFT ? ((last & MASK) + 1) * words : PER_CHUNK * words;
                ensure(c, need);
            }
        }
        size = (int) end;
    }

    /** Writes state {@code i} (an index below the size, made room for by {@link #extend}) from {@code src[from ..]}. */
    public void put(int i, long[] src, int from) {
        System.arraycopy(src, from, chunks[i >>> SHIFT], (i & MASK) * words, words);
    }

    /** Copies state {@code i} into {@code out[0 .. words)}. */
    public void get(int i, long[] out) {
        System.arraycopy(chunks[i >>> SHIFT], (i & MASK) * words, out, 0, words);
    }

    /** Whether state {@code i} equals {@code state[0 .. words)}. */
    public boolean equalsAt(int i, long[] state) {
        long[] ch = chunks[i >>> SHIFT];
        int o = (i & MASK) * words;
        for (int w = 0; w < words; w++) {
            if (ch[o + w] != state[w]) {
                return false;
            }
        }
        return true;
    }

    /** Empties the list, keeping its first chunk. */
    public void clear() {
        size = 0;
        for (int c = 1; c < chunks.length; c++) {
            chunks[c] = null;
        }
    }

    public long bytes() {
        long b = 0;
        for (long[] ch : chunks) {
            if (ch != null) {
                b += (long) ch.length * Long.BYTES;
            }
        }
        return b;
    }
}
