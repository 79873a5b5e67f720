package tdxcheck.tdbuild;

/**
 * The packed state: one long.
 * <pre>
 * bits 0-1  TD state (KVM's kvm_tdx->state, which the module's op_state follows): 0 UNINITIALIZED,
 *           1 INITIALIZED, 2 RUNNABLE
 * bit  2    the VM is bugged (a KVM_BUG_ON fired)
 * per thread t (0 = vm, 1 + i = vcpu i; at most 4), from bit 3 + 8t: pc (6 bits), exit (2 bits:
 *           0 none, 1 -EINVAL, 2 -EIO, 3 KVM_BUG_ON)
 * </pre>
 * Every lock owner (KVM's and the module's) is derived from the pcs ({@link Program#held},
 * {@link BuildModel#tdrHolders}).
 */
public final class BuildWords {
    public static final int UNINITIALIZED = 0;
    public static final int INITIALIZED = 1;
    public static final int RUNNABLE = 2;

    public static final int EXIT_NONE = 0;
    public static final int EXIT_EINVAL = 1;
    public static final int EXIT_EIO = 2;
    public static final int EXIT_BUG = 3;

    private BuildWords() {
    }

    private static long get(long w, int shift, int bits) {
        return (w >>> shift) & ((1L << bits) - 1);
    }

    private static long set(long w, int shift, int bits, long v) {
        long m = ((1L << bits) - 1) << shift;
        return (w & ~m) | ((v << shift) & m);
    }

    public static int td(long[] s) {
        return (int) get(s[0], 0, 2);
    }

    public static void setTd(long[] s, int v) {
        s[0] = set(s[0], 0, 2, v);
    }

    public static boolean bugged(long[] s) {
        return get(s[0], 2, 1) != 0;
    }

    public static void setBugged(long[] s) {
        s[0] = set(s[0], 2, 1, 1);
    }

    public static int pc(long[] s, int t) {
        return (int) get(s[0], 3 + 8 * t, 6);
    }

    public static void setPc(long[] s, int t, int pc) {
        s[0] = set(s[0], 3 + 8 * t, 6, pc);
    }

    public static int exit(long[] s, int t) {
        return (int) get(s[0], 9 + 8 * t, 2);
    }

    public static void setExit(long[] s, int t, int v) {
        s[0] = set(s[0], 9 + 8 * t, 2, v);
    }
}
