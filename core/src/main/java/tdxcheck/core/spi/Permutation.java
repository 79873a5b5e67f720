package tdxcheck.core.spi;

/**
 * A permutation of at most {@value #MAX_SLOTS} symmetry slots (e.g. identical vCPUs), packed into
 * an {@code int}: bits {@code 4i .. 4i+3} hold the image of slot {@code i}. Slot {@code i} of a
 * state is slot {@code image(p, i)} of the permuted state; actors, actions and liveness
 * operations that belong to a slot move with it. Unused slots map to themselves, so
 * {@link #IDENTITY} is the same code for every slot count.
 */
public final class Permutation {
    /** Most slots a code can describe. */
    public static final int MAX_SLOTS = 8;
    /** The identity: slot i maps to i. */
    public static final int IDENTITY = 0x76543210;

    private Permutation() {
    }

    /** The slot that slot {@code slot} maps to. */
    public static int image(int p, int slot) {
        return (p >>> (slot << 2)) & 0xF;
    }

    /** The code of the permutation with {@code images[i]} = image of slot i (other slots fixed). */
    public static int of(int... images) {
        if (images.length > MAX_SLOTS) {
            throw new IllegalArgumentException("at most " + MAX_SLOTS + " slots");
        }
        int p = IDENTITY;
        boolean[] hit = new boolean[MAX_SLOTS];
        for (int i = 0; i < images.length; i++) {
            int v = images[i];
            if (v < 0 || v >= images.length || hit[v]) {
                throw new IllegalArgumentException("not a permutation of 0.." + (images.length - 1));
            }
            hit[v] = true;
            p = set(p, i, v);
        }
        return p;
    }

    /** {@code p} with slot {@code slot} mapped to {@code image} (a building step; may not be a permutation). */
    public static int set(int p, int slot, int image) {
        int sh = slot << 2;
        return (p & ~(0xF << sh)) | (image << sh);
    }

    /** First {@code first}, then {@code second}: slot i goes to second(first(i)). */
    public static int compose(int first, int second) {
        int p = 0;
        for (int i = 0; i < MAX_SLOTS; i++) {
            p |= image(second, image(first, i)) << (i << 2);
        }
        return p;
    }

    /** The inverse permutation. */
    public static int inverse(int p) {
        int q = 0;
        for (int i = 0; i < MAX_SLOTS; i++) {
            q |= i << (image(p, i) << 2);
        }
        return q;
    }

    /** The transposition of slots {@code a} and {@code b}. */
    public static int swap(int a, int b) {
        return set(set(IDENTITY, a, b), b, a);
    }

    /** The least k &gt;= 1 with p^k = identity. */
    public static int order(int p) {
        int q = p;
        int k = 1;
        while (q != IDENTITY) {
            q = compose(q, p);
            k++;
        }
        return k;
    }

    /** E.g. {@code [1 0 2]} for the swap of slots 0 and 1 over 3 slots. */
    public static String toString(int p, int slots) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < slots; i++) {
            sb.append(i == 0 ? "" : " ").append(image(p, i));
        }
        return sb.append(']').toString();
    }
}
