package tdxcheck.model.tdx;

/**
 * The packed layout of a TDX model state: word 0 holds the TD-wide fields, words 1.. hold one
 * 32-bit record per vCPU (two per word). Lock holders are not stored: they are derived from
 * where each actor is (see {@link LockTable}), so a lock can never be "leaked" by the encoding
 * and lock-safety checks the acquire logic itself.
 *
 * <pre>
 * word 0: per GPA g (8 bits at 8g): spte:2 | sept state:3 | host-priority:1 | block epoch:2
 *         32: non-leaf spte:2 | 34: td_epoch:2 | 36: wait_for_sept_zap:1 | 37: zap pc:4
 *         41: zap retry call:2 | 43: zap retried:1 | 44: kvm bugged:1 | 45: guest panicked:1
 *         46: vm dead:1
 * vCPU:   pc:4 | script pos:4 | fault gpa:2 | zero-step counter:4 | recorded gpas:4 |
 *         in TD:1 | entry epoch:2 | kick pending:1 | accepting:1
 * </pre>
 */
public final class TdxWords {
    public static final int MAX_VCPUS = 8;
    public static final int MAX_GPAS = 4;
    public static final int MAX_THRESHOLD = 15;
    public static final int MAX_SCRIPT = 15;

    private static final int NONLEAF = 32;
    private static final int EPOCH = 34;
    private static final int WAIT_FLAG = 36;
    private static final int ZAP_PC = 37;
    private static final int ZAP_CALL = 41;
    private static final int ZAP_RETRIED = 43;
    private static final int BUGGED = 44;
    private static final int GUEST_PANIC = 45;
    private static final int VM_DEAD = 46;

    private static final int V_PC = 0;
    private static final int V_POS = 4;
    private static final int V_FAULT_GPA = 8;
    private static final int V_ZS_COUNT = 10;
    private static final int V_ZS_GPAS = 14;
    private static final int V_IN_TD = 18;
    private static final int V_EPOCH = 19;
    private static final int V_KICK = 21;
    private static final int V_ACCEPTING = 22;

    private TdxWords() {
    }

    public static int words(int vcpus) {
        return 1 + (vcpus + 1) / 2;
    }

    private static long get(long w, int at, int bits) {
        return (w >>> at) & ((1L << bits) - 1);
    }

    private static long put(long w, int at, int bits, long v) {
        long m = ((1L << bits) - 1) << at;
        return (w & ~m) | ((v << at) & m);
    }

    // ---- TD-wide fields (word 0) ----

    public static int spte(long[] s, int gpa) {
        return (int) get(s[0], 8 * gpa, 2);
    }

    public static void setSpte(long[] s, int gpa, int v) {
        s[0] = put(s[0], 8 * gpa, 2, v);
    }

    public static int sept(long[] s, int gpa) {
        return (int) get(s[0], 8 * gpa + 2, 3);
    }

    public static void setSept(long[] s, int gpa, int v) {
        s[0] = put(s[0], 8 * gpa + 2, 3, v);
    }

    public static boolean hostPriority(long[] s, int gpa) {
        return get(s[0], 8 * gpa + 5, 1) != 0;
    }

    public static void setHostPriority(long[] s, int gpa, boolean v) {
        s[0] = put(s[0], 8 * gpa + 5, 1, v ? 1 : 0);
    }

    /** PAMT.BEPOCH: the TD epoch when the entry was blocked. */
    public static int blockEpoch(long[] s, int gpa) {
        return (int) get(s[0], 8 * gpa + 6, 2);
    }

    public static void setBlockEpoch(long[] s, int gpa, int v) {
        s[0] = put(s[0], 8 * gpa + 6, 2, v);
    }

    public static int nonLeaf(long[] s) {
        return (int) get(s[0], NONLEAF, 2);
    }

    public static void setNonLeaf(long[] s, int v) {
        s[0] = put(s[0], NONLEAF, 2, v);
    }

    public static int epoch(long[] s) {
        return (int) get(s[0], EPOCH, 2);
    }

    public static void setEpoch(long[] s, int v) {
        s[0] = put(s[0], EPOCH, 2, v);
    }

    public static boolean waitForSeptZap(long[] s) {
        return get(s[0], WAIT_FLAG, 1) != 0;
    }

    public static void setWaitForSeptZap(long[] s, boolean v) {
        s[0] = put(s[0], WAIT_FLAG, 1, v ? 1 : 0);
    }

    public static int zapPc(long[] s) {
        return (int) get(s[0], ZAP_PC, 4);
    }

    public static void setZapPc(long[] s, int v) {
        s[0] = put(s[0], ZAP_PC, 4, v);
    }

    /** The SEAMCALL a RETRY_KICK will retry: a {@link ZapPc} acquire pc (BLOCK, TRACK, REMOVE) index 0..2. */
    public static int zapRetryCall(long[] s) {
        return (int) get(s[0], ZAP_CALL, 2);
    }

    public static void setZapRetryCall(long[] s, int v) {
        s[0] = put(s[0], ZAP_CALL, 2, v);
    }

    public static boolean zapRetried(long[] s) {
        return get(s[0], ZAP_RETRIED, 1) != 0;
    }

    public static void setZapRetried(long[] s, boolean v) {
        s[0] = put(s[0], ZAP_RETRIED, 1, v ? 1 : 0);
    }

    public static boolean bugged(long[] s) {
        return get(s[0], BUGGED, 1) != 0;
    }

    public static void setBugged(long[] s) {
        s[0] = put(s[0], BUGGED, 1, 1);
    }

    public static boolean guestPanicked(long[] s) {
        return get(s[0], GUEST_PANIC, 1) != 0;
    }

    public static void setGuestPanicked(long[] s) {
        s[0] = put(s[0], GUEST_PANIC, 1, 1);
    }

    /** kvm_vm_dead(): KVM killed the VM (a Linux guest touched a PENDING page, tdx-facts §6c.6). */
    public static boolean vmDead(long[] s) {
        return get(s[0], VM_DEAD, 1) != 0;
    }

    public static void setVmDead(long[] s) {
        s[0] = put(s[0], VM_DEAD, 1, 1);
    }

    // ---- vCPU records ----

    public static int vcpuRecord(long[] s, int v) {
        return (int) (s[1 + (v >> 1)] >>> ((v & 1) << 5));
    }

    public static void setVcpuRecord(long[] s, int v, int rec) {
        int w = 1 + (v >> 1);
        int sh = (v & 1) << 5;
        s[w] = (s[w] & ~(0xFFFFFFFFL << sh)) | ((rec & 0xFFFFFFFFL) << sh);
    }

    private static int vget(long[] s, int v, int at, int bits) {
        return (vcpuRecord(s, v) >>> at) & ((1 << bits) - 1);
    }

    private static void vput(long[] s, int v, int at, int bits, int val) {
        int m = ((1 << bits) - 1) << at;
        setVcpuRecord(s, v, (vcpuRecord(s, v) & ~m) | ((val << at) & m));
    }

    public static int pc(long[] s, int v) {
        return vget(s, v, V_PC, 4);
    }

    public static void setPc(long[] s, int v, int pc) {
        vput(s, v, V_PC, 4, pc);
    }

    /** Index of the guest's current script op (its "RIP"). */
    public static int pos(long[] s, int v) {
        return vget(s, v, V_POS, 4);
    }

    public static void setPos(long[] s, int v, int p) {
        vput(s, v, V_POS, 4, p);
    }

    public static int faultGpa(long[] s, int v) {
        return vget(s, v, V_FAULT_GPA, 2);
    }

    public static void setFaultGpa(long[] s, int v, int g) {
        vput(s, v, V_FAULT_GPA, 2, g);
    }

    /** possibly_epf_stepping (tdx-facts §1). */
    public static int zeroStepCount(long[] s, int v) {
        return vget(s, v, V_ZS_COUNT, 4);
    }

    public static void setZeroStepCount(long[] s, int v, int c) {
        vput(s, v, V_ZS_COUNT, 4, c);
    }

    /** last_epf_gpa_list as a GPA bitmask; non-empty means zero-step mode (tdx-facts §1). */
    public static int zeroStepGpas(long[] s, int v) {
        return vget(s, v, V_ZS_GPAS, 4);
    }

    public static void setZeroStepGpas(long[] s, int v, int mask) {
        vput(s, v, V_ZS_GPAS, 4, mask);
    }

    /**
     * How many of the {@code vcpus} vCPUs are in zero-step mode (a non-empty recorded-GPA list):
     * the same as counting {@link #zeroStepGpas} != 0 one by one, read two records per word.
     */
    public static int zeroStepModeCount(long[] s, int vcpus) {
        int n = 0;
        int last = (vcpus + 1) >> 1;
        for (int w = 1; w <= last; w++) {
            long x = s[w];
            n += ((x >>> V_ZS_GPAS) & 0xF) != 0 ? 1 : 0;
            n += ((x >>> (32 + V_ZS_GPAS)) & 0xF) != 0 ? 1 : 0; // 0 for the unused half of an odd last word
        }
        return n;
    }

    /** Whether any of the {@code vcpus} vCPUs is in zero-step mode (cheaper than counting them). */
    public static boolean anyZeroStepMode(long[] s, int vcpus) {
        long or = 0;
        int last = (vcpus + 1) >> 1;
        for (int w = 1; w <= last; w++) {
            or |= s[w];
        }
        return (or & ((0xFL << V_ZS_GPAS) | (0xFL << (32 + V_ZS_GPAS)))) != 0;
    }

    /** Counted in the TLB-tracking refcount of {@link #entryEpoch} (entered, not yet exited). */
    public static boolean inTd(long[] s, int v) {
        return vget(s, v, V_IN_TD, 1) != 0;
    }

    public static int entryEpoch(long[] s, int v) {
        return vget(s, v, V_EPOCH, 2);
    }

    public static void enterTd(long[] s, int v, int epoch) {
        vput(s, v, V_IN_TD, 1, 1);
        vput(s, v, V_EPOCH, 2, epoch);
    }

    public static void exitTd(long[] s, int v) {
        vput(s, v, V_IN_TD, 1, 0);
        vput(s, v, V_EPOCH, 2, 0);
    }

    /** A KVM_REQ_OUTSIDE_GUEST_MODE kick this vCPU has not acknowledged yet. */
    public static boolean kickPending(long[] s, int v) {
        return vget(s, v, V_KICK, 1) != 0;
    }

    public static void setKickPending(long[] s, int v, boolean k) {
        vput(s, v, V_KICK, 1, k ? 1 : 0);
    }

    /**
     * The guest on this vCPU is inside accept_memory() for the page of its current ACCEPT op: it
     * has claimed the range, so another vCPU of the guest waits for it (tdx-facts §6c.3).
     */
    public static boolean accepting(long[] s, int v) {
        return vget(s, v, V_ACCEPTING, 1) != 0;
    }

    public static void setAccepting(long[] s, int v, boolean a) {
        vput(s, v, V_ACCEPTING, 1, a ? 1 : 0);
    }
}
