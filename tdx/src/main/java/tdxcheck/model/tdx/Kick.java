package tdxcheck.model.tdx;

/**
 * kvm_make_all_cpus_request(kvm, KVM_REQ_OUTSIDE_GUEST_MODE): IPI every vCPU in guest mode and
 * wait for each to acknowledge by leaving guest mode once (tdx-facts §3, design.md Kick). It is
 * not a barrier: a vCPU that left may enter again at once unless wait_for_sept_zap is set.
 */
public final class Kick {
    private Kick() {
    }

    /** Send the request: every vCPU in guest mode (inside VP.ENTER, in the guest, in a TDCALL) owes an ack. */
    public static void kickAll(TdxConfig c, long[] s) {
        for (int v = 0; v < c.vcpus(); v++) {
            if (VcpuPc.inGuestMode(TdxWords.pc(s, v))) {
                TdxWords.setKickPending(s, v, true);
            }
        }
    }

    /** The vCPU left guest mode (any TD exit, or VP.ENTER returned): its ack. */
    public static void acknowledge(long[] s, int vcpu) {
        TdxWords.setKickPending(s, vcpu, false);
    }

    /** The requester's wait is over: no vCPU owes an ack. */
    public static boolean allAcknowledged(TdxConfig c, long[] s) {
        for (int v = 0; v < c.vcpus(); v++) {
            if (TdxWords.kickPending(s, v)) {
                return false;
            }
        }
        return true;
    }
}
