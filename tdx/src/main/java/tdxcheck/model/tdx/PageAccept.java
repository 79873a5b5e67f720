package tdxcheck.model.tdx;

/**
 * TDG.MEM.PAGE.ACCEPT, the guest's TDCALL: a lockless walk, then the entry lock guest-side only
 * (tdx-facts §2). An unmapped target gives an EPT-violation exit that zero-step does not count;
 * a held entry lock gives the guest TDX_OPERAND_BUSY|RCX, host priority gives
 * TDX_OPERAND_BUSY_HOST_PRIORITY|RCX; a Linux guest does not retry either and panics (§5).
 */
public final class PageAccept {
    private PageAccept() {
    }

    public static Outcome acquire(TdxConfig c, long[] s, int vcpu, int gpa) {
        if (!SeptState.present(TdxWords.sept(s, gpa))) {
            return Outcome.EXIT_EPT_VIOLATION_ACCEPT;
        }
        int guest = c.vcpus() + vcpu;
        Outcome o = LockTable.tryAcquire(c, s, guest, Seamcall.MEM_PAGE_ACCEPT, false, gpa);
        boolean held = o != Outcome.LOCKS_TAKEN;
        o = SeptEntryLock.tryLock(true, held, TdxWords.hostPriority(s, gpa));
        if (o == Outcome.LOCKS_TAKEN) {
            TdxWords.setFaultGpa(s, vcpu, gpa);
            TdxWords.setPc(s, vcpu, VcpuPc.ACCEPT);
        }
        return o;
    }

    public static Outcome complete(TdxConfig c, long[] s, int vcpu) {
        int g = TdxWords.faultGpa(s, vcpu);
        TdxWords.setPc(s, vcpu, VcpuPc.GUEST);
        if (TdxWords.sept(s, g) == SeptState.PENDING) {
            TdxWords.setSept(s, g, SeptState.MAPPED);
            return Outcome.TDX_SUCCESS;
        }
        return Outcome.PAGE_ALREADY_ACCEPTED;
    }
}
