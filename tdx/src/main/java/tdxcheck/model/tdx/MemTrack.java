package tdxcheck.model.tdx;

/**
 * TDH.MEM.TRACK: the epoch lock exclusive (fails against any VP.ENTER inside its momentary shared
 * hold: BUSY|TD_EPOCH), then, if a vCPU still runs in epoch-1, TDX_PREVIOUS_TLB_EPOCH_BUSY (not
 * an operand-busy: KVM treats it as a bug), else the epoch advances (tdx-facts §2).
 */
public final class MemTrack {
    private MemTrack() {
    }

    public static Outcome acquire(TdxConfig c, long[] s) {
        return ZapPath.acquireHostCall(c, s, Seamcall.MEM_TRACK, ZapPc.TRACK_HELD);
    }

    public static Outcome complete(TdxConfig c, long[] s) {
        int e = TdxWords.epoch(s);
        if (e >= 1 && refcount(c, s, e - 1) > 0) {
            return Outcome.PREVIOUS_TLB_EPOCH_BUSY;
        }
        if (e == 3) {
            throw new IllegalStateException("model supports at most 3 TLB epochs");
        }
        TdxWords.setEpoch(s, e + 1);
        return Outcome.TDX_SUCCESS;
    }

    /** refcount[epoch]: vCPUs that entered in {@code epoch} and have not exited. */
    public static int refcount(TdxConfig c, long[] s, int epoch) {
        int n = 0;
        for (int v = 0; v < c.vcpus(); v++) {
            if (TdxWords.inTd(s, v) && TdxWords.entryEpoch(s, v) == epoch) {
                n++;
            }
        }
        return n;
    }

    /**
     * is_tlb_tracked (helpers.h): BEPOCH == epoch-1 and refcount[BEPOCH] == 0, or BEPOCH older.
     */
    public static boolean tracked(TdxConfig c, long[] s, int gpa) {
        int be = TdxWords.blockEpoch(s, gpa);
        int e = TdxWords.epoch(s);
        return (be == e - 1 && refcount(c, s, be) == 0) || be < e - 1;
    }
}
