package tdxcheck.model.tdx;

/**
 * Where a vCPU thread is: the KVM run loop, inside TDH.VP.ENTER, in the guest, or in the EPT
 * violation (fault) path. Plain int constants: they are packed into the state word.
 */
public final class VcpuPc {
    /** Run loop top: checks wait_for_sept_zap, then TDH.VP.ENTER (tdx_vcpu_run, tdx-facts §4). */
    public static final int RUN = 0;
    /** Inside TDH.VP.ENTER: epoch lock held shared (and secure_ept_lock EX in zero-step mode). */
    public static final int ENTER = 1;
    /** In guest mode: the guest actor runs its script. */
    public static final int GUEST = 2;
    /** EPT violation exit taken; next: kvm_tdp_mmu_map under mmu_lock read. */
    public static final int FAULT = 3;
    /** tdx_handle_ept_violation's local retry loop top (breaks on a pending event). */
    public static final int FAULT_RETRY = 4;
    /** Non-leaf mirror SPTE frozen, about to call TDH.MEM.SEPT.ADD. */
    public static final int ADD_FROZEN = 5;
    /** TDH.MEM.SEPT.ADD holds its locks. */
    public static final int ADD_HELD = 6;
    /** Non-leaf done, still under mmu_lock read: about to look at the leaf SPTE. */
    public static final int LEAF = 7;
    /** Leaf mirror SPTE frozen, about to call TDH.MEM.PAGE.AUG. */
    public static final int AUG_FROZEN = 8;
    /** TDH.MEM.PAGE.AUG holds its locks. */
    public static final int AUG_HELD = 9;
    /** Guest inside TDG.MEM.PAGE.ACCEPT holding the S-EPT entry lock (guest side). */
    public static final int ACCEPT = 10;
    /** The vCPU has finished (guest halted for good). */
    public static final int DONE = 11;

    private static final String[] NAMES = {"run-loop", "in-VP.ENTER", "guest", "fault", "fault-local-retry",
        "sept-add:frozen", "sept-add:held", "fault:leaf", "aug:frozen", "aug:held", "guest:accept", "done"};

    private VcpuPc() {
    }

    public static String name(int pc) {
        return NAMES[pc];
    }

    /** vcpu->mode == IN_GUEST_MODE: a kick must wait for this vCPU to leave (tdx-facts §3). */
    public static boolean inGuestMode(int pc) {
        return pc == ENTER || pc == GUEST || pc == ACCEPT;
    }

    /** Holds mmu_lock for read (the fault path between the walk and the SPTE update). */
    public static boolean holdsMmuRead(int pc) {
        return pc >= ADD_FROZEN && pc <= AUG_HELD;
    }

    /**
     * Holds kvm->srcu: vcpu_run holds it everywhere except around the guest entry (dropped in
     * vcpu_enter_guest after IN_GUEST_MODE, before the vendor run op) and outside KVM_RUN (x86.c,
     * v6.12 and v6.18; tdx-facts §6d.1). The TDX local-retry loop runs in the exit handler: held.
     */
    public static boolean holdsSrcu(int pc) {
        return pc != ENTER && pc != GUEST && pc != ACCEPT && pc != DONE;
    }

    /** In KVM's EPT violation handling (from the exit until the fault returns). */
    public static boolean inFaultPath(int pc) {
        return pc >= FAULT && pc <= AUG_HELD;
    }
}
