package tdxcheck.properties.tdx;

import tdxcheck.core.spi.Permutation;
import tdxcheck.model.tdx.GuestOp;
import tdxcheck.model.tdx.GuestScript;
import tdxcheck.model.tdx.PageAccept;
import tdxcheck.model.tdx.SeptState;
import tdxcheck.model.tdx.TdxConfig;
import tdxcheck.model.tdx.TdxWords;
import tdxcheck.model.tdx.VcpuPc;
import tdxcheck.model.tdx.ZapPc;
import tdxcheck.model.tdx.ZeroStepDetector;
import tdxcheck.core.property.LivenessProperty;

/**
 * no-busy-livelock: under fairness per actor, every started KVM operation completes. Operations
 * (bit order): per vCPU i, fault(vcpu i) = 2i (from the EPT violation until the guest's access
 * can succeed: in the fault path, out in userspace after KVM_EXIT_MEMORY_FAULT, or about to run an access/accept whose page is not present,
 * or inside such an ACCEPT, which holds the entry lock and then exits: PageAccept.locks4kEntry),
 * or, in zero-step mode, unable to enter while a recorded GPA is not MAPPED),
 * entry(vcpu i) = 2i+1 (in the run loop or inside TDH.VP.ENTER, until the guest runs); then zap
 * = 2V (from write_lock until it is done). Pending is a function of the state, so no progress
 * edges are needed.
 */
public final class NoBusyLivelock implements LivenessProperty {
    public static final String ID = "no-busy-livelock";
    private final TdxConfig c;

    public NoBusyLivelock(TdxConfig c) {
        this.c = c;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "every started fault, zap and vCPU entry eventually completes (no BUSY livelock) under --fairness (hw by default)";
    }

    @Override
    public int operationCount() {
        return 2 * c.vcpus() + (c.hasZap() ? 1 : 0);
    }

    @Override
    public String operationName(int op) {
        if (op < 2 * c.vcpus()) {
            return ((op & 1) == 0 ? "fault(vcpu" : "entry(vcpu") + (op >> 1) + ")";
        }
        return (c.hugePage().split() ? "split(2M range of gpa" : "zap(gpa") + c.zapGpa() + ")";
    }

    @Override
    public int pendingMask(long[] s) {
        int mask = 0;
        for (int v = 0; v < c.vcpus(); v++) {
            int pc = TdxWords.pc(s, v);
            // a vCPU in zero-step mode whose recorded GPA is not MAPPED cannot get into the guest at all
            // (VP.ENTER fakes the EPT violation, tdx-facts §6c.5), whatever the guest kind. A guest inside
            // an ACCEPT of a page that is not present holds the entry lock only to exit: still pending.
            if (VcpuPc.inFaultPath(pc) || pc == VcpuPc.USERSPACE || ((pc == VcpuPc.RUN || pc == VcpuPc.ENTER || pc == VcpuPc.GUEST
                    || pc == VcpuPc.ACCEPT)
                    && blockedOnPage(s, v)) || ((pc == VcpuPc.RUN || pc == VcpuPc.ENTER)
                    && ZeroStepDetector.firstUnmappedRecorded(c, s, v) >= 0)) {
                mask |= 1 << (2 * v);
            }
            if (pc == VcpuPc.RUN || pc == VcpuPc.ENTER) {
                mask |= 1 << (2 * v + 1);
            }
        }
        if (c.hasZap()) {
            int z = TdxWords.zapPc(s);
            if (z != ZapPc.IDLE && z != ZapPc.DONE) {
                mask |= 1 << (2 * c.vcpus());
            }
        }
        return mask;
    }

    private boolean blockedOnPage(long[] s, int v) {
        GuestScript script = c.script(v);
        int pos = TdxWords.pos(s, v);
        if (pos >= script.length()) {
            return false;
        }
        GuestOp op = script.ops().get(pos);
        int st = TdxWords.sept(s, op.gpa());
        return switch (op.kind()) {
            case EXIT, MAP_GPA -> false;
            // an ACCEPT can run on a PENDING page; a plain access needs MAPPED (PENDING only for #VE guests)
            case ACCEPT, TDCALL_ACCEPT -> !SeptState.present(st) || PageAccept.under2mLeaf(c, s, op.gpa());
            default -> missing(s, op.gpas());
        };
    }

    private boolean missing(long[] s, int mask) {
        for (int m = mask; m != 0; m &= m - 1) {
            int st = TdxWords.sept(s, Integer.numberOfTrailingZeros(m));
            if (st != SeptState.MAPPED && !(st == SeptState.PENDING && !c.linuxGuest())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int progressMask(long[] before, int action, long[] after) {
        return 0;
    }

    /** The per-vCPU operations follow their vCPU under the symmetry; the zap's stays. */
    @Override
    public boolean symmetric() {
        return true;
    }

    @Override
    public int permuteOperation(int op, int p) {
        if (op < 2 * c.vcpus()) {
            return 2 * Permutation.image(p, op >> 1) + (op & 1);
        }
        return op;
    }
}
