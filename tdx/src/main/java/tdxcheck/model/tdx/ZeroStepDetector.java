package tdxcheck.model.tdx;

/**
 * The TDX module's zero-step (0-step) mitigation per vCPU, tdx-facts §1
 * (td_exit_stepping.c, td_ept_violation.c, 1.5.01-1.5.06):
 * <ul>
 *   <li>every real private EPT-violation TD exit at an unchanged RIP: if the counter is below
 *       STEPPING_EPF_THRESHOLD (6) it is incremented, otherwise the GPA is recorded; so exits
 *       1..6 only count and the 7th records;</li>
 *   <li>a TD exit with RIP progress clears counter and list (modelled at the moment the guest's
 *       instruction completes, which is equivalent: nothing reads them before the next exit);</li>
 *   <li>EPT exits synthesised by TDG.MEM.PAGE.ACCEPT and the mitigation's own fake exits are not
 *       counted;</li>
 *   <li>a non-empty list is zero-step mode: every TDH.VP.ENTER takes secure_ept_lock exclusive
 *       and returns a synthesised EPT violation while a recorded GPA is unmapped.</li>
 * </ul>
 */
public final class ZeroStepDetector {
    private ZeroStepDetector() {
    }

    /** td_exit_epf_stepping_log(gpa) on a real private EPT-violation exit with no RIP progress. */
    public static void onEptViolationExit(TdxConfig c, long[] s, int vcpu, int gpa) {
        int count = TdxWords.zeroStepCount(s, vcpu);
        if (count < c.threshold()) {
            TdxWords.setZeroStepCount(s, vcpu, count + 1);
        } else {
            TdxWords.setZeroStepGpas(s, vcpu, TdxWords.zeroStepGpas(s, vcpu) | (1 << gpa));
        }
    }

    /** RIP progress: vmexit_stepping_filter clears the counter and the list. */
    public static void onProgress(long[] s, int vcpu) {
        TdxWords.setZeroStepCount(s, vcpu, 0);
        TdxWords.setZeroStepGpas(s, vcpu, 0);
    }

    public static boolean inZeroStepMode(long[] s, int vcpu) {
        return TdxWords.zeroStepGpas(s, vcpu) != 0;
    }

    /**
     * The lowest recorded GPA whose S-EPT walk would fault, or -1. Only MAPPED passes: FREE,
     * PENDING and BLOCKED entries all carry SVE=1, so the walk is not a convertible violation and
     * a recorded PENDING GPA faults like an unmapped one (tdx-facts §6c.5, §8.4; sept_manager.c and
     * td_exit_stepping.c, TDX module 1.5.01 @72d8cff).
     */
    public static int firstUnmappedRecorded(TdxConfig c, long[] s, int vcpu) {
        int mask = TdxWords.zeroStepGpas(s, vcpu);
        for (int g = 0; g < c.gpas(); g++) {
            if ((mask & (1 << g)) != 0 && TdxWords.sept(s, g) != SeptState.MAPPED) {
                return g;
            }
        }
        return -1;
    }
}
