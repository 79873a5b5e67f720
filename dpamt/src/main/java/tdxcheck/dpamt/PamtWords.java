package tdxcheck.dpamt;

/**
 * The packed state: one long.
 * <pre>
 * per range r (at most 2), from bit 4r: refcount (3 bits), 2M node has its PAMT page pair (1 bit)
 * bit 8: the VM is bugged (a KVM_BUG_ON fired)
 * per thread t (at most 3), from bit 9 + 8t: pc (a {@link Step}, 5 bits), round (1 bit),
 *        PAGE.REMOVE already retried once (1 bit)
 * </pre>
 * Lock holders (the spinlocks and the module's 2M node locks) are derived from the pcs.
 */
public final class PamtWords {
    private PamtWords() {
    }

    private static long get(long w, int shift, int bits) {
        return (w >>> shift) & ((1L << bits) - 1);
    }

    private static long set(long w, int shift, int bits, long v) {
        long m = ((1L << bits) - 1) << shift;
        return (w & ~m) | ((v << shift) & m);
    }

    public static int ref(long[] s, int r) {
        return (int) get(s[0], 4 * r, 3);
    }

    public static void setRef(long[] s, int r, int v) {
        s[0] = set(s[0], 4 * r, 3, Math.max(0, Math.min(7, v)));
    }

    public static boolean pamt(long[] s, int r) {
        return get(s[0], 4 * r + 3, 1) != 0;
    }

    public static void setPamt(long[] s, int r, boolean v) {
        s[0] = set(s[0], 4 * r + 3, 1, v ? 1 : 0);
    }

    public static boolean bugged(long[] s) {
        return get(s[0], 8, 1) != 0;
    }

    public static void setBugged(long[] s) {
        s[0] = set(s[0], 8, 1, 1);
    }

    public static Step step(long[] s, int t) {
        return Step.of((int) get(s[0], 9 + 8 * t, 5));
    }

    public static void setStep(long[] s, int t, Step v) {
        s[0] = set(s[0], 9 + 8 * t, 5, v.ordinal());
    }

    public static int round(long[] s, int t) {
        return (int) get(s[0], 14 + 8 * t, 1);
    }

    public static void setRound(long[] s, int t, int v) {
        s[0] = set(s[0], 14 + 8 * t, 1, v);
    }

    public static boolean retried(long[] s, int t) {
        return get(s[0], 15 + 8 * t, 1) != 0;
    }

    public static void setRetried(long[] s, int t, boolean v) {
        s[0] = set(s[0], 15 + 8 * t, 1, v ? 1 : 0);
    }
}
