package tdxcheck.model.tdx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tdxcheck.core.spi.ModelException;
import tdxcheck.model.tdx.policy.FaultRetryPolicy;
import tdxcheck.model.tdx.policy.ZapRetryPolicy;

/**
 * The five scenarios of design.md (ids are the contract). Each has default parameters; vCPUs,
 * GPAs, threshold and pending events can be overridden where the scenario's shape allows.
 */
public final class TdxScenarios {
    public static final String FROZEN_SPTE_RACE = "frozen-spte-race";
    public static final String ZAP_VS_RUNNING = "zap-vs-running";
    public static final String ZAP_VS_ZERO_STEP = "zap-vs-zero-step";
    public static final String ACCEPT_VS_REMOVE = "accept-vs-remove";
    public static final String FAULT_STORM = "fault-storm";

    public static final int DEFAULT_THRESHOLD = 6; // STEPPING_EPF_THRESHOLD, tdx-facts §1

    /** A scenario's id, one-line description and default vCPUs and GPAs. */
    public record Info(String id, String description, int vcpus, int gpas) {
    }

    public static final List<Info> ALL = List.of(
            new Info(FROZEN_SPTE_RACE, "V vCPUs fault on the same unmapped private GPA, then halt; no zap", 2, 1),
            new Info(ZAP_VS_RUNNING, "one zap removes a mapped GPA while V vCPUs enter and exit forever", 2, 1),
            new Info(ZAP_VS_ZERO_STEP, "vcpu0 starts in zero-step mode on gpa0, the others fault on gpa1, "
                    + "one zap removes mapped gpa2", 2, 3),
            new Info(ACCEPT_VS_REMOVE, "the guest accepts an AUGed GPA while the zap removes it "
                    + "(extra vCPUs just exit)", 1, 1),
            new Info(FAULT_STORM, "V vCPUs each fault on G GPAs in order plus one zap of gpa0: the scaling scenario",
                    2, 2));

    private TdxScenarios() {
    }

    public static Info info(String id) {
        for (Info i : ALL) {
            if (i.id().equals(id)) {
                return i;
            }
        }
        throw new ModelException("unknown scenario '" + id + "' (known: "
                + String.join(", ", ALL.stream().map(Info::id).toList()) + ")");
    }

    /** Builds a scenario instance; a one-line ModelException on parameters the scenario cannot take. */
    public static TdxConfig build(String id, int vcpus, int gpas, int threshold, boolean pendingEvents,
                                  FaultRetryPolicy fault, ZapRetryPolicy zap) {
        info(id);
        if (vcpus < 1) {
            throw new ModelException("vcpus must be at least 1, got " + vcpus);
        }
        if (gpas < 1) {
            throw new ModelException("gpas must be at least 1, got " + gpas);
        }
        if (threshold < 1) {
            throw new ModelException("threshold must be at least 1, got " + threshold);
        }
        List<VcpuInit> vi = new ArrayList<>();
        List<GpaInit> gi = new ArrayList<>(Collections.nCopies(gpas, GpaInit.UNMAPPED));
        int zapGpa;
        switch (id) {
            case FROZEN_SPTE_RACE -> {
                GuestScript s = GuestScript.once(accessAll(gpas));
                for (int v = 0; v < vcpus; v++) {
                    vi.add(VcpuInit.of(s));
                }
                zapGpa = -1;
            }
            case ZAP_VS_RUNNING -> {
                for (int v = 0; v < vcpus; v++) {
                    vi.add(VcpuInit.of(GuestScript.forever(GuestOp.exit())));
                }
                gi.set(0, GpaInit.MAPPED);
                zapGpa = 0;
            }
            case ZAP_VS_ZERO_STEP -> {
                if (gpas != 3) {
                    throw new ModelException(id + " has a fixed layout of 3 gpas, got --gpas " + gpas);
                }
                if (vcpus < 2) {
                    throw new ModelException(id + " needs at least 2 vcpus, got " + vcpus);
                }
                // vcpu0 has exceeded the threshold at its RIP with gpa0 recorded (tdx-facts §1).
                vi.add(new VcpuInit(GuestScript.once(GuestOp.access(0)), threshold, 1));
                for (int v = 1; v < vcpus; v++) {
                    vi.add(VcpuInit.of(GuestScript.once(GuestOp.access(1))));
                }
                gi.set(2, GpaInit.MAPPED);
                zapGpa = 2;
            }
            case ACCEPT_VS_REMOVE -> {
                vi.add(VcpuInit.of(GuestScript.once(GuestOp.accept(0))));
                for (int v = 1; v < vcpus; v++) {
                    vi.add(VcpuInit.of(GuestScript.once(GuestOp.exit())));
                }
                gi.set(0, GpaInit.PENDING);
                zapGpa = 0;
            }
            default -> { // FAULT_STORM
                GuestScript s = GuestScript.once(accessAll(gpas));
                for (int v = 0; v < vcpus; v++) {
                    vi.add(VcpuInit.of(s));
                }
                zapGpa = 0;
            }
        }
        return new TdxConfig(id, vi, gi, false, threshold, pendingEvents, zapGpa, fault, zap);
    }

    private static GuestOp[] accessAll(int gpas) {
        GuestOp[] ops = new GuestOp[gpas];
        for (int g = 0; g < gpas; g++) {
            ops[g] = GuestOp.access(g);
        }
        return ops;
    }
}
