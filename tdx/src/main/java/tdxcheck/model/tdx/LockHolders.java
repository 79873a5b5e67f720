package tdxcheck.model.tdx;

/**
 * Who holds which TDX-module lock in a state: derived here, and only here, from where each actor
 * is. The state has no lock words ({@link TdxWords}), so a holder cannot disagree with the actors:
 * <ul>
 *   <li>a vCPU thread inside TDH.VP.ENTER ({@link VcpuPc#ENTER}) holds what VP.ENTER takes, in
 *       zero-step mode or not ({@link ZeroStepDetector#inZeroStepMode});</li>
 *   <li>a vCPU thread between the acquire and complete steps of TDH.MEM.SEPT.ADD
 *       ({@link VcpuPc#ADD_HELD}, on the non-leaf entry {@link LockTable#PDE}) or TDH.MEM.PAGE.AUG
 *       ({@link VcpuPc#AUG_HELD}, on its fault GPA);</li>
 *   <li>a guest inside TDG.MEM.PAGE.ACCEPT ({@link VcpuPc#ACCEPT}, on its fault GPA);</li>
 *   <li>the zap between acquire and complete of RANGE.BLOCK, MEM.TRACK, PAGE.REMOVE and, in a
 *       split, PAGE.DEMOTE ({@link ZapPc#BLOCK_HELD}, {@link ZapPc#TRACK_HELD},
 *       {@link ZapPc#REMOVE_HELD}, {@link ZapPc#DEMOTE_HELD}; the entry is the zap GPA's, which
 *       stands for the 2M leaf while the range is mapped at 2M, {@link HugePage}).</li>
 * </ul>
 * The modes each holding takes come from {@link LockTable}. Read by {@link LockTable#tryAcquire}
 * (the search hot path, hence the packed int and no allocation), by the lock-safety property and
 * by the trace's "lock.*" fields ({@link #owners}, {@link #entryOwners}).
 */
public final class LockHolders {
    /** No holding. */
    public static final int NONE = -1;

    // A holding packed in an int: call ordinal (bits 0-3), zero-step (bit 4), entry + 1 (bits 5-7).
    private static final int ZERO_STEP = 1 << 4;
    private static final int ENTRY_AT = 5;

    private static final int SEPT_ADD = Seamcall.MEM_SEPT_ADD.ordinal();
    /** The call a vCPU thread at each {@link VcpuPc} holds locks for (ordinal), or {@link #NONE}. */
    private static final int[] VCPU_HELD = new int[16];
    /** The call the zap at each {@link ZapPc} holds locks for (ordinal), or {@link #NONE}. */
    private static final int[] ZAP_HELD = new int[32]; // ZapPc is 5 bits

    static {
        java.util.Arrays.fill(VCPU_HELD, NONE);
        VCPU_HELD[VcpuPc.ENTER] = Seamcall.VP_ENTER.ordinal();
        VCPU_HELD[VcpuPc.ADD_HELD] = SEPT_ADD;
        VCPU_HELD[VcpuPc.AUG_HELD] = Seamcall.MEM_PAGE_AUG.ordinal();
        java.util.Arrays.fill(ZAP_HELD, NONE);
        ZAP_HELD[ZapPc.BLOCK_HELD] = Seamcall.MEM_RANGE_BLOCK.ordinal();
        ZAP_HELD[ZapPc.TRACK_HELD] = Seamcall.MEM_TRACK.ordinal();
        ZAP_HELD[ZapPc.REMOVE_HELD] = Seamcall.MEM_PAGE_REMOVE.ordinal();
        ZAP_HELD[ZapPc.DEMOTE_HELD] = Seamcall.MEM_PAGE_DEMOTE.ordinal();
    }

    private LockHolders() {
    }

    /** What {@code actor} holds in {@code s}, packed (read it with the accessors below), or {@link #NONE}. */
    public static int of(TdxConfig c, long[] s, int actor) {
        int vcpus = c.vcpus();
        if (actor < vcpus) {
            int held = VCPU_HELD[TdxWords.pc(s, actor)];
            if (held == NONE) {
                return NONE;
            }
            int entry = held == SEPT_ADD ? LockTable.PDE : TdxWords.faultGpa(s, actor);
            return pack(held, ZeroStepDetector.inZeroStepMode(s, actor), entry);
        } else if (actor < 2 * vcpus) {
            int v = actor - vcpus;
            return TdxWords.pc(s, v) == VcpuPc.ACCEPT
                    ? pack(Seamcall.MEM_PAGE_ACCEPT.ordinal(), false, TdxWords.faultGpa(s, v)) : NONE;
        } else if (c.hasZap()) {
            int held = ZAP_HELD[TdxWords.zapPc(s)];
            return held == NONE ? NONE : pack(held, false, c.zapGpa(s));
        }
        return NONE;
    }

    /** The entry is kept only for a call that takes the entry lock ({@link SeptEntryLock#taken}). */
    private static int pack(int call, boolean zeroStep, int entry) {
        int e = TAKES_ENTRY[call] ? entry + 1 : 0;
        return call | (zeroStep ? ZERO_STEP : 0) | (e << ENTRY_AT);
    }

    private static final boolean[] TAKES_ENTRY = buildTakesEntry();

    private static boolean[] buildTakesEntry() {
        Seamcall[] calls = Seamcall.values();
        boolean[] t = new boolean[calls.length];
        for (Seamcall call : calls) {
            t[call.ordinal()] = SeptEntryLock.taken(call);
        }
        return t;
    }

    /** The held call's ordinal in {@link Seamcall}. */
    public static int callIndex(int holding) {
        return holding & 0xF;
    }

    public static Seamcall call(int holding) {
        return Seamcall.values()[callIndex(holding)];
    }

    /** Whether the holder is a vCPU thread in zero-step mode (then VP.ENTER holds secure_ept_lock EX). */
    public static boolean zeroStep(int holding) {
        return (holding & ZERO_STEP) != 0;
    }

    /** The S-EPT entry whose lock is held (a GPA index or {@link LockTable#PDE}), or -1. */
    public static int entry(int holding) {
        return (holding >>> ENTRY_AT) - 1;
    }

    /** The mode of the TDCS epoch lock this holding takes. */
    public static LockMode epochMode(int holding) {
        return TdEpochLock.mode(call(holding));
    }

    /** The mode of secure_ept_lock this holding takes. */
    public static LockMode treeMode(int holding) {
        return SecureEptLock.mode(call(holding), zeroStep(holding));
    }

    /** Whether a vCPU thread or a guest can ever hold {@code call} (else only the zap can). */
    public static boolean vcpuSideMayHold(Seamcall call) {
        if (call == Seamcall.MEM_PAGE_ACCEPT) {
            return true;
        }
        for (int held : VCPU_HELD) {
            if (held == call.ordinal()) {
                return true;
            }
        }
        return false;
    }

    /** Owner label of a sharex lock ({@code epoch} or {@code sept_tree}): "-", "shared a,b", "ex a" or "ex a + shared b". */
    public static String owners(TdxConfig c, long[] s, boolean epochLock) {
        StringBuilder shared = new StringBuilder();
        StringBuilder ex = new StringBuilder();
        for (int a = 0; a < c.actorCount(); a++) {
            int h = of(c, s, a);
            if (h == NONE) {
                continue;
            }
            LockMode m = epochLock ? epochMode(h) : treeMode(h);
            StringBuilder sb = m == LockMode.SHARED ? shared : m == LockMode.EXCLUSIVE ? ex : null;
            if (sb != null) {
                sb.append(sb.length() == 0 ? "" : ",").append(c.actorName(a));
            }
        }
        if (ex.length() > 0) {
            return "ex " + ex + (shared.length() > 0 ? " + shared " + shared : "");
        }
        return shared.length() > 0 ? "shared " + shared : "-";
    }

    /** Owner label of an S-EPT entry lock: "-" or "ex holder" (several holders: a lock-safety bug). */
    public static String entryOwners(TdxConfig c, long[] s, int entry) {
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < c.actorCount(); a++) {
            int h = of(c, s, a);
            if (h != NONE && entry(h) == entry) {
                sb.append(sb.length() == 0 ? "ex " : ",").append(c.actorName(a));
            }
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }
}
