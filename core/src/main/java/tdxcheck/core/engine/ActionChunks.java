package tdxcheck.core.engine;

import java.util.Arrays;

/**
 * The action of every state id (for an initial state: its initial index), kept for trace
 * reconstruction: one byte per state while every value fits in 0..255 (every TDX model: actions
 * are 2 per actor), widened once to an {@code int} per state when a larger value comes. Chunks of
 * 2^14 like {@link IntChunks}.
 *
 * <p>Widening copies every chunk, so it happens only on one thread: {@link #set} widens by itself
 * (single-threaded callers), the parallel BFS calls {@link #fit} at its barrier with the largest
 * value its workers are about to write, before they write their own indices at once.
 */
public final class ActionChunks {
    private static final int SHIFT = 14;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private byte[][] narrow = new byte[][] {new byte[256]};
    /** Non-null once widened (then {@link #narrow} is null). */
    private int[][] wide;

    public int get(int i) {
        return wide != null ? wide[i >>> SHIFT][i & MASK] : narrow[i >>> SHIFT][i & MASK] & 0xFF;
    }

    /** Sets the action of id {@code i} (negative values are not stored: they never occur). */
    public void set(int i, int value) {
        if (wide == null && (value & ~0xFF) != 0) {
            widen();
        }
        ensureIndex(i);
        if (wide != null) {
            wide[i >>> SHIFT][i & MASK] = value;
        } else {
            narrow[i >>> SHIFT][i & MASK] = (byte) value;
        }
    }

    /** Widens now if {@code maxValue} would not fit in a byte (at a barrier, on one thread). */
    public void fit(int maxValue) {
        if (wide == null && (maxValue & ~0xFF) != 0) {
            widen();
        }
    }

    /** Allocates everything up to index {@code i} (see {@link IntChunks#ensureIndex}). */
    public void ensureIndex(int i) {
        int c = i >>> SHIFT;
        int o = i & MASK;
        if (wide != null) {
            if (c >= wide.length || wide[c] == null || o >= wide[c].length) {
                wide = grow(wide, c, o);
            }
        } else if (c >= narrow.length || narrow[c] == null || o >= narrow[c].length) {
            narrow = grow(narrow, c, o);
        }
    }

    private static int[][] grow(int[][] chunks, int c, int o) {
        if (c >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
        }
        for (int j = 0; j <= c; j++) {
            if (chunks[j] == null) {
                chunks[j] = new int[CHUNK];
            } else if (j < c && chunks[j].length < CHUNK) {
                chunks[j] = Arrays.copyOf(chunks[j], CHUNK);
            }
        }
        if (o >= chunks[c].length) {
            chunks[c] = Arrays.copyOf(chunks[c], Math.min(Integer.highestOneBit(o) << 1, CHUNK));
        }
        return chunks;
    }

    private static byte[][] grow(byte[][] chunks, int c, int o) {
        if (c >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
        }
        for (int j = 0; j <= c; j++) {
            if (chunks[j] == null) {
                chunks[j] = new byte[CHUNK];
            } else if (j < c && chunks[j].length < CHUNK) {
                chunks[j] = Arrays.copyOf(chunks[j], CHUNK);
            }
        }
        if (o >= chunks[c].length) {
            chunks[c] = Arrays.copyOf(chunks[c], Math.min(Integer.highestOneBit(o) << 1, CHUNK));
        }
        return chunks;
    }

    private void widen() {
        int[][] w = new int[narrow.length][];
        for (int c = 0; c < narrow.length; c++) {
            byte[] b = narrow[c];
            if (b != null) {
                int[] x = new int[b.length];
                for (int j = 0; j < b.length; j++) {
                    x[j] = b[j] & 0xFF;
                }
                w[c] = x;
            }
        }
        wide = w;
        narrow = null;
    }

    /** Whether a value above 255 has been stored (an int per state since). */
    public boolean wide() {
        return wide != null;
    }

    public long bytes() {
        long b = 0;
        if (wide != null) {
            for (int[] ch : wide) {
                b += ch == null ? 0 : (long) ch.length * Integer.BYTES;
            }
        } else {
            for (byte[] ch : narrow) {
                b += ch == null ? 0 : ch.length;
            }
        }
        return b;
    }
}
