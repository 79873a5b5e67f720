package tdxcheck.model.tdx;

import java.util.List;
import tdxcheck.core.spi.ModelException;
import tdxcheck.model.tdx.policy.FaultRetryPolicy;
import tdxcheck.model.tdx.policy.ZapRetryPolicy;

/**
 * One model instance: the TD (vCPUs with guest scripts, GPAs and their initial mappings), the
 * zero-step threshold, whether pending events may break KVM's local retry, whether a zap runs
 * and on which GPA, the retry policy on both axes, the guest kind (tdx-facts §6c) and the zap
 * kind (§6b).
 *
 * <p>Actors: vcpu0..V-1 (the KVM vCPU threads), guest0..V-1 (the TD's vCPUs while in guest
 * mode), and the zap when present.
 */
public record TdxConfig(String scenario, List<VcpuInit> vcpuInits, List<GpaInit> gpaInits, boolean nonLeafPresent,
                        int threshold, boolean pendingEvents, int zapGpa, FaultRetryPolicy faultRetry,
                        ZapRetryPolicy zapRetry, GuestKind guest, ZapKind zapKind, int secondZapGpa,
                        PresentSpte presentSpte, VpEnterEnv vpEnter, HugePage hugePage) {

    /** 4K pages only ({@link HugePage#NONE}). */
    public TdxConfig(String scenario, List<VcpuInit> vcpuInits, List<GpaInit> gpaInits, boolean nonLeafPresent,
                     int threshold, boolean pendingEvents, int zapGpa, FaultRetryPolicy faultRetry,
                     ZapRetryPolicy zapRetry, GuestKind guest, ZapKind zapKind, int secondZapGpa,
                     PresentSpte presentSpte, VpEnterEnv vpEnter) {
        this(scenario, vcpuInits, gpaInits, nonLeafPresent, threshold, pendingEvents, zapGpa, faultRetry, zapRetry,
                guest, zapKind, secondZapGpa, presentSpte, vpEnter, HugePage.NONE);
    }

    /** Without a VP.ENTER environment: the default (classified decode, no error returns). */
    public TdxConfig(String scenario, List<VcpuInit> vcpuInits, List<GpaInit> gpaInits, boolean nonLeafPresent,
                     int threshold, boolean pendingEvents, int zapGpa, FaultRetryPolicy faultRetry,
                     ZapRetryPolicy zapRetry, GuestKind guest, ZapKind zapKind, int secondZapGpa,
                     PresentSpte presentSpte) {
        this(scenario, vcpuInits, gpaInits, nonLeafPresent, threshold, pendingEvents, zapGpa, faultRetry, zapRetry,
                guest, zapKind, secondZapGpa, presentSpte, VpEnterEnv.DEFAULT);
    }

    /** The default present-SPTE return (tdx-facts §6c.5). */
    public TdxConfig(String scenario, List<VcpuInit> vcpuInits, List<GpaInit> gpaInits, boolean nonLeafPresent,
                     int threshold, boolean pendingEvents, int zapGpa, FaultRetryPolicy faultRetry,
                     ZapRetryPolicy zapRetry, GuestKind guest, ZapKind zapKind, int secondZapGpa) {
        this(scenario, vcpuInits, gpaInits, nonLeafPresent, threshold, pendingEvents, zapGpa, faultRetry, zapRetry,
                guest, zapKind, secondZapGpa, PresentSpte.SPURIOUS);
    }

    /** One zap at most (no second zap). */
    public TdxConfig(String scenario, List<VcpuInit> vcpuInits, List<GpaInit> gpaInits, boolean nonLeafPresent,
                     int threshold, boolean pendingEvents, int zapGpa, FaultRetryPolicy faultRetry,
                     ZapRetryPolicy zapRetry, GuestKind guest, ZapKind zapKind) {
        this(scenario, vcpuInits, gpaInits, nonLeafPresent, threshold, pendingEvents, zapGpa, faultRetry, zapRetry,
                guest, zapKind, -1);
    }

    public TdxConfig {
        vcpuInits = List.copyOf(vcpuInits);
        gpaInits = List.copyOf(gpaInits);
        int v = vcpuInits.size();
        int g = gpaInits.size();
        if (v < 1 || v > TdxWords.MAX_VCPUS) {
            throw new ModelException("vcpus must be between 1 and " + TdxWords.MAX_VCPUS + ", got " + v);
        }
        if (g < 1 || g > TdxWords.MAX_GPAS) {
            throw new ModelException("gpas must be between 1 and " + TdxWords.MAX_GPAS + ", got " + g);
        }
        if (threshold < 1 || threshold > TdxWords.MAX_THRESHOLD) {
            throw new ModelException("threshold must be between 1 and " + TdxWords.MAX_THRESHOLD + ", got "
                    + threshold);
        }
        if (zapGpa >= g) {
            throw new ModelException("zap gpa " + zapGpa + " is not one of the " + g + " gpas");
        }
        for (VcpuInit vi : vcpuInits) {
            if (vi.script().length() > TdxWords.MAX_SCRIPT || vi.script().length() < 1) {
                throw new ModelException("a guest script needs 1 to " + TdxWords.MAX_SCRIPT + " ops");
            }
            for (GuestOp op : vi.script().ops()) {
                if (op.gpa() < 0 || op.gpa() >= g || (op.gpas() >>> g) != 0) {
                    throw new ModelException("guest op '" + op + "' names a gpa outside 0.." + (g - 1));
                }
            }
            if (vi.zeroStepCount() > threshold || (vi.zeroStepGpas() >> g) != 0) {
                throw new ModelException("initial zero-step state out of range");
            }
        }
        if (secondZapGpa >= g || (secondZapGpa >= 0 && zapGpa < 0)) {
            throw new ModelException("second zap gpa " + secondZapGpa + " needs a first zap and one of the " + g
                    + " gpas");
        }
        if (guest == null || zapKind == null || presentSpte == null) {
            throw new ModelException("the guest kind and the zap kind must be set");
        }
        if (faultRetry == null || zapRetry == null) {
            throw new ModelException("both retry policy axes must be set");
        }
        if (vpEnter == null) {
            throw new ModelException("the VP.ENTER environment must be set");
        }
        if (hugePage == null) {
            throw new ModelException("the huge-page environment must be set");
        }
        if (hugePage.split() && (zapGpa < 0 || secondZapGpa >= 0)) {
            throw new ModelException("a split needs exactly one zap");
        }
    }

    /** The same instance with another VP.ENTER environment (exit decode, error returns). */
    public TdxConfig withVpEnter(VpEnterEnv env) {
        return new TdxConfig(scenario, vcpuInits, gpaInits, nonLeafPresent, threshold, pendingEvents, zapGpa,
                faultRetry, zapRetry, guest, zapKind, secondZapGpa, presentSpte, env, hugePage);
    }

    public int vcpus() {
        return vcpuInits.size();
    }

    public int gpas() {
        return gpaInits.size();
    }

    /** Whether two vCPUs' scripts ACCEPT the same GPA (then accept_memory() serialises them). */
    public boolean sharedAccepts() {
        int seen = 0;
        for (VcpuInit vi : vcpuInits) {
            int mine = 0;
            for (GuestOp op : vi.script().ops()) {
                if (op.kind() == GuestOp.Kind.ACCEPT) {
                    mine |= 1 << op.gpa();
                }
            }
            if ((seen & mine) != 0) {
                return true;
            }
            seen |= mine;
        }
        return false;
    }

    public boolean linuxGuest() {
        return guest == GuestKind.LINUX;
    }

    public boolean hasZap() {
        return zapGpa >= 0;
    }

    /** Whether the zap actor runs a second zap, of {@link #secondZapGpa}, after the first (tdx-facts §6g). */
    public boolean hasSecondZap() {
        return secondZapGpa >= 0;
    }

    /** The GPA of the zap now running in {@code s}: the second zap's once the first is done. */
    public int zapGpa(long[] s) {
        return TdxWords.secondZap(s) ? secondZapGpa : zapGpa;
    }

    public int actorCount() {
        return 2 * vcpus() + (hasZap() ? 1 : 0);
    }

    public int zapActor() {
        return 2 * vcpus();
    }

    public String actorName(int actor) {
        int v = vcpus();
        if (actor < v) {
            return "vcpu" + actor;
        } else if (actor < 2 * v) {
            return "guest" + (actor - v);
        }
        return "zap";
    }

    public GuestScript script(int vcpu) {
        return vcpuInits.get(vcpu).script();
    }

    /** Whether vCPUs {@code a} and {@code b} are interchangeable (same script and initial state). */
    public boolean identical(int a, int b) {
        return vcpuInits.get(a).equals(vcpuInits.get(b));
    }
}
