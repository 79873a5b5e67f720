package tdxcheck.core.engine;

import java.util.Arrays;

/**
 * A growable {@code int} array indexed by state id, in chunks of 2^14 (so growing never copies
 * more than one chunk, and the last chunk wastes at most 64 KiB: under 0.3 bytes per state from a
 * quarter million states on). The first chunk starts small and doubles, so tiny searches stay tiny.
 */
public final class IntChunks implements Parents {
    private static final int SHIFT = 14;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private int[][] chunks = new int[][] {new int[256]};

    @Override
    public int get(int i) {
        return chunks[i >>> SHIFT][i & MASK];
    }

    @Override
    public void set(int i, int value) {
        int c = i >>> SHIFT;
        int o = i & MASK;
        if (c >= chunks.length || chunks[c] == null || o >= chunks[c].length) {
            ensure(c, o);
        }
        chunks[c][o] = value;
    }

    /**
     * Allocates everything up to index {@code i}, so that later {@link #set}s up to it allocate
     * nothing and may run on several threads at once (each its own indices) after a
     * happens-before edge from this call.
     */
    @Override
    public void ensureIndex(int i) {
        int c = i >>> SHIFT;
        int o = i & MASK;
        if (c >= chunks.length || chunks[c] == null || o >= chunks[c].length) {
            ensure(c, o);
        }
    }

    private void ensure(int c, int o) {
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
            int n = chunks[c].length;
            while (n <= o) {
                n *= 2;
            }
            chunks[c] = Arrays.copyOf(chunks[c], Math.min(n, CHUNK));
        }
    }

    @Override
    public long bytes() {
        long b = 0;
        for (int[] ch : chunks) {
            if (ch != null) {
                b += (long) ch.length * Integer.BYTES;
            }
        }
        return b;
    }
}
