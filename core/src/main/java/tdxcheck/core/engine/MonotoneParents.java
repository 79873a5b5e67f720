package tdxcheck.core.engine;

import java.util.Arrays;

/**
 * The parents of a one-thread breadth-first search in about one byte a state instead of four. Ids
 * are given in the order the states are found, and states are expanded in id order, so the parent
 * of state {@code id} never decreases with {@code id}: each state stores the step from its
 * predecessor's parent in a byte, every {@value #BLOCK}th state its parent in full, and a step
 * that does not fit a byte (or goes down, which the search never does but this class allows) is
 * kept in full in a sorted side list. {@link #get} adds up at most {@value #BLOCK} steps: fine
 * for rebuilding a trace, the only reader. Writes must come in id order, one thread.
 */
final class MonotoneParents implements Parents {
    private static final int BLOCK = 64;
    private static final int ESCAPE = 0xFF;
    private static final int CHUNK_SHIFT = 16;
    private static final int CHUNK = 1 << CHUNK_SHIFT;

    private byte[][] steps = new byte[][] {new byte[256]};
    private int[] blockStart = new int[16];
    private int[] escapedIds = new int[16];
    private int[] escapedParents = new int[16];
    private int escapes;
    private int size;
    private int last = -1;

    @Override
    public int get(int id) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("state id " + id + " of " + size);
        }
        int first = id & -BLOCK;
        int p = blockStart[first / BLOCK];
        for (int i = first + 1; i <= id; i++) {
            int s = steps[i >>> CHUNK_SHIFT][i & (CHUNK - 1)] & 0xFF;
            p = s == ESCAPE ? escaped(i) : p + s;
        }
        return p;
    }

    private int escaped(int id) {
        int k = Arrays.binarySearch(escapedIds, 0, escapes, id);
        return escapedParents[k];
    }

    @Override
    public void set(int id, int parentId) {
        if (id != size) {
            throw new IllegalStateException("monotone parents are written in id order: got " + id + ", expected " + size);
        }
        int c = id >>> CHUNK_SHIFT;
        int o = id & (CHUNK - 1);
        if (c >= steps.length) {
            steps = Arrays.copyOf(steps, steps.length * 2);
        }
        if (steps[c] == null) {
            steps[c] = new byte[CHUNK];
        } else if (o >= steps[c].length) {
            steps[c] = Arrays.copyOf(steps[c], Math.min(CHUNK, steps[c].length * 2));
        }
        long step = (long) parentId - last;
        if (id % BLOCK == 0) {
            int b = id / BLOCK;
            if (b == blockStart.length) {
                blockStart = Arrays.copyOf(blockStart, b * 2);
            }
            blockStart[b] = parentId;
        } else if (step >= 0 && step < ESCAPE) {
            steps[c][o] = (byte) step;
        } else {
            steps[c][o] = (byte) ESCAPE;
            if (escapes == escapedIds.length) {
                escapedIds = Arrays.copyOf(escapedIds, escapes * 2);
                escapedParents = Arrays.copyOf(escapedParents, escapes * 2);
            }
            escapedIds[escapes] = id;
            escapedParents[escapes++] = parentId;
        }
        last = parentId;
        size++;
    }

    @Override
    public void ensureIndex(int id) {
        throw new UnsupportedOperationException("monotone parents are written by one thread in id order");
    }

    @Override
    public long bytes() {
        long b = 4L * blockStart.length + 8L * escapedIds.length;
        for (byte[] ch : steps) {
            if (ch != null) {
                b += ch.length;
            }
        }
        return b;
    }
}
