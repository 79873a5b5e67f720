package tdxcheck.model.tdx;

/**
 * The packed layout of a TDX model state: word 0 holds one byte per GPA (up to 8, tdx-facts §6f:
 * one instruction may touch more GPAs than the zero-step threshold), word 1 the TD-wide fields,
 * words 2.. one 32-bit record per vCPU (two per word). Lock holders are not stored: they are derived from
 * where each actor is (see {@link LockTable}), so a lock can never be "leaked" by the encoding
 * and lock-safety checks the acquire logic itself.
 *
 * <pre>
 * word 0: per GPA g (8 bits at 8g): spte:2 | sept state:3 | host-priority:1 | block epoch:2
 * word 1: 0: non-leaf spte:2 | 2: td_epoch:2 | 4: wait_for_sept_zap:1 | 5: zap pc:5
 *         10: zap retry call:2 | 12: zap retried:1 | 13: kvm bugged:1 | 14: guest panicked:1
 *         15: vm dead:1 | 16: mmu-invalidation window open:1 | 17: memslot INVALID:1
 *         18: second zap running:1 | 19: MapGPA conversion requested:1
 *         20: shared attribute per GPA:8 | 28: range mapped by a 2M leaf:1 | 29: PAMT got:1
 *         60: exit misdecoded:1
 * vCPU:   pc:4 | script pos:4 | fault gpa:3 | zero-step counter:4 | recorded gpas:8 |
 *         in TD:1 | entry epoch:2 | kick pending:1 | accepting:1 | SRCU grace period waits:1
 * </pre>
 */
public final class TdxWords {
    public static final int MAX_VCPUS = 8;
    public static final int MAX_GPAS = 8;
    public static final int MAX_THRESHOLD = 15;
    public static final int MAX_SCRIPT = 15;

    /** The word of the TD-wide fields; vCPU records start at {@link #VBASE}. */
    private static final int TD = 1;
    private static final int VBASE = 2;

    private static final int NONLEAF = 0;
    private static final int EPOCH = 2;
    private static final int WAIT_FLAG = 4;
    private static final int ZAP_PC = 5;
    private static final int ZAP_CALL = 10;
    private static final int ZAP_RETRIED = 12;
    private static final int BUGGED = 13;
    private static final int GUEST_PANIC = 14;
    private static final int VM_DEAD = 15;
    private static final int INVAL = 16;
    private static final int SLOT_INVALID = 17;
    private static final int ZAP_ROUND = 18;
    private static final int MAP_GPA_REQ = 19;
    private static final int SHARED = 20;
    /** The zap GPA's 2M range is mapped by a 2M leaf (huge pages, tdx-facts §7a; see {@link HugePage}). */
    private static final int HUGE = 28;
    /** The split's tdx_pamt_get for the new S-EPT page and the 2M range is done (tdx-facts §7a.6). */
    private static final int PAMT_GOT = 29;
    /** Sticky: KVM read an exit reason out of a status that has none (tdx-facts §7e). */
    private static final int MISDECODED = 60;

    private static final int V_PC = 0;
    private static final int V_POS = 4;
    private static final int V_FAULT_GPA = 8;
    private static final int V_ZS_COUNT = 11;
    private static final int V_ZS_GPAS = 15;
    private static final int V_IN_TD = 23;
    private static final int V_EPOCH = 24;
    private static final int V_KICK = 26;
    private static final int V_ACCEPTING = 27;
    private static final int V_SRCU = 28;
    private static final long ZS_MASK = 0xFFL;

    private TdxWords() {
    }

    public static int words(int vcpus) {
        return VBASE + (vcpus + 1) / 2;
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
        return (int) get(s[TD], NONLEAF, 2);
    }

    public static void setNonLeaf(long[] s, int v) {
        s[TD] = put(s[TD], NONLEAF, 2, v);
    }

    public static int epoch(long[] s) {
        return (int) get(s[TD], EPOCH, 2);
    }

    public static void setEpoch(long[] s, int v) {
        s[TD] = put(s[TD], EPOCH, 2, v);
    }

    public static boolean waitForSeptZap(long[] s) {
        return get(s[TD], WAIT_FLAG, 1) != 0;
    }

    public static void setWaitForSeptZap(long[] s, boolean v) {
        s[TD] = put(s[TD], WAIT_FLAG, 1, v ? 1 : 0);
    }

    public static int zapPc(long[] s) {
        return (int) get(s[TD], ZAP_PC, 5);
    }

    public static void setZapPc(long[] s, int v) {
        s[TD] = put(s[TD], ZAP_PC, 5, v);
    }

    /** The SEAMCALL a RETRY_KICK will retry: a {@link ZapPc} acquire pc (BLOCK, TRACK, REMOVE, DEMOTE) index 0..3. */
    public static int zapRetryCall(long[] s) {
        return (int) get(s[TD], ZAP_CALL, 2);
    }

    public static void setZapRetryCall(long[] s, int v) {
        s[TD] = put(s[TD], ZAP_CALL, 2, v);
    }

    public static boolean zapRetried(long[] s) {
        return get(s[TD], ZAP_RETRIED, 1) != 0;
    }

    public static void setZapRetried(long[] s, boolean v) {
        s[TD] = put(s[TD], ZAP_RETRIED, 1, v ? 1 : 0);
    }

    public static boolean bugged(long[] s) {
        return get(s[TD], BUGGED, 1) != 0;
    }

    public static void setBugged(long[] s) {
        s[TD] = put(s[TD], BUGGED, 1, 1);
    }

    public static boolean guestPanicked(long[] s) {
        return get(s[TD], GUEST_PANIC, 1) != 0;
    }

    public static void setGuestPanicked(long[] s) {
        s[TD] = put(s[TD], GUEST_PANIC, 1, 1);
    }

    /** kvm_vm_dead(): KVM killed the VM (a Linux guest touched a PENDING page, tdx-facts §6c.6). */
    public static boolean vmDead(long[] s) {
        return get(s[TD], VM_DEAD, 1) != 0;
    }

    public static void setVmDead(long[] s) {
        s[TD] = put(s[TD], VM_DEAD, 1, 1);
    }

    /**
     * mmu_invalidate_in_progress for the zap's range: raised by kvm_mmu_invalidate_begin before the
     * write-locked zap, lowered by kvm_mmu_invalidate_end (tdx-facts §6b.1-2).
     */
    public static boolean invalWindow(long[] s) {
        return get(s[TD], INVAL, 1) != 0;
    }

    public static void setInvalWindow(long[] s, boolean v) {
        s[TD] = put(s[TD], INVAL, 1, v ? 1 : 0);
    }

    /** The memslot of the scenario's GPAs is KVM_MEMSLOT_INVALID (being deleted, tdx-facts §6d). */
    public static boolean slotInvalid(long[] s) {
        return get(s[TD], SLOT_INVALID, 1) != 0;
    }

    public static void setSlotInvalid(long[] s, boolean v) {
        s[TD] = put(s[TD], SLOT_INVALID, 1, v ? 1 : 0);
    }

    /** The scenario's second zap (--zaps 2) is the one running: its GPA is {@link TdxConfig#secondZapGpa}. */
    public static boolean secondZap(long[] s) {
        return get(s[TD], ZAP_ROUND, 1) != 0;
    }

    public static void setSecondZap(long[] s) {
        s[TD] = put(s[TD], ZAP_ROUND, 1, 1);
    }

    /** A guest's MapGPA reached userspace: the scenario's conversion may start (convert-vs-accept). */
    public static boolean mapGpaRequested(long[] s) {
        return get(s[TD], MAP_GPA_REQ, 1) != 0;
    }

    public static void setMapGpaRequested(long[] s) {
        s[TD] = put(s[TD], MAP_GPA_REQ, 1, 1);
    }

    /** The GFN's memory attribute is shared (KVM_SET_MEMORY_ATTRIBUTES stored it, tdx-facts §6b.6). */
    public static boolean shared(long[] s, int gpa) {
        return get(s[TD], SHARED + gpa, 1) != 0;
    }

    public static void setShared(long[] s, int gpa, boolean v) {
        s[TD] = put(s[TD], SHARED + gpa, 1, v ? 1 : 0);
    }

    /** KVM decoded a TDH.VP.ENTER status without an exit reason as one (no-misdecoded-exit). */
    public static boolean huge(long[] s) {
        return get(s[TD], HUGE, 1) != 0;
    }

    public static void setHuge(long[] s, boolean v) {
        s[TD] = put(s[TD], HUGE, 1, v ? 1 : 0);
    }

    public static boolean pamtGot(long[] s) {
        return get(s[TD], PAMT_GOT, 1) != 0;
    }

    public static void setPamtGot(long[] s, boolean v) {
        s[TD] = put(s[TD], PAMT_GOT, 1, v ? 1 : 0);
    }

    public static boolean misdecoded(long[] s) {
        return get(s[TD], MISDECODED, 1) != 0;
    }

    public static void setMisdecoded(long[] s) {
        s[TD] = put(s[TD], MISDECODED, 1, 1);
    }

    // ---- vCPU records ----

    public static int vcpuRecord(long[] s, int v) {
        return (int) (s[VBASE + (v >> 1)] >>> ((v & 1) << 5));
    }

    public static void setVcpuRecord(long[] s, int v, int rec) {
        int w = VBASE + (v >> 1);
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

    /**
     * Moves vCPU {@code v} to {@code pc}. Leaving the SRCU read side (guest entry, leaving KVM_RUN,
     * halting) is this vCPU's end of the grace period a memslot deletion waits for (tdx-facts §6d.1).
     */
    public static void setPc(long[] s, int v, int pc) {
        vput(s, v, V_PC, 4, pc);
        if (!VcpuPc.holdsSrcu(pc)) {
            vput(s, v, V_SRCU, 1, 0);
        }
    }

    /** synchronize_srcu_expedited still waits for this vCPU's read-side section (begun before it). */
    public static boolean srcuWaited(long[] s, int v) {
        return vget(s, v, V_SRCU, 1) != 0;
    }

    public static void setSrcuWaited(long[] s, int v, boolean w) {
        vput(s, v, V_SRCU, 1, w ? 1 : 0);
    }

    /** Index of the guest's current script op (its "RIP"). */
    public static int pos(long[] s, int v) {
        return vget(s, v, V_POS, 4);
    }

    public static void setPos(long[] s, int v, int p) {
        vput(s, v, V_POS, 4, p);
    }

    public static int faultGpa(long[] s, int v) {
        return vget(s, v, V_FAULT_GPA, 3);
    }

    public static void setFaultGpa(long[] s, int v, int g) {
        vput(s, v, V_FAULT_GPA, 3, g);
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
        return vget(s, v, V_ZS_GPAS, 8);
    }

    public static void setZeroStepGpas(long[] s, int v, int mask) {
        vput(s, v, V_ZS_GPAS, 8, mask);
    }

    /**
     * How many of the {@code vcpus} vCPUs are in zero-step mode (a non-empty recorded-GPA list):
     * the same as counting {@link #zeroStepGpas} != 0 one by one, read two records per word.
     */
    public static int zeroStepModeCount(long[] s, int vcpus) {
        int n = 0;
        int last = VBASE + ((vcpus + 1) >> 1);
        for (int w = VBASE; w < last; w++) {
            long x = s[w];
            n += ((x >>> V_ZS_GPAS) & ZS_MASK) != 0 ? 1 : 0;
            n += ((x >>> (32 + V_ZS_GPAS)) & ZS_MASK) != 0 ? 1 : 0; // 0 for the unused half of an odd last word
        }
        return n;
    }

    /** Whether any of the {@code vcpus} vCPUs is in zero-step mode (cheaper than counting them). */
    public static boolean anyZeroStepMode(long[] s, int vcpus) {
        long or = 0;
        int last = VBASE + ((vcpus + 1) >> 1);
        for (int w = VBASE; w < last; w++) {
            or |= s[w];
        }
        return (or & ((ZS_MASK << V_ZS_GPAS) | (ZS_MASK << (32 + V_ZS_GPAS)))) != 0;
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
