package tdxcheck.model.tdx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
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
    public static final String MEMSLOT_DELETE = "memslot-delete";
    public static final String DOUBLE_ACCEPT = "double-accept";
    public static final String MULTI_GPA_RIP = "multi-gpa-rip";

    public static final int DEFAULT_THRESHOLD = 6; // STEPPING_EPF_THRESHOLD, tdx-facts §1

    /**
     * A scenario's id, one-line description, default options, and the names of the options it
     * takes ({@link TdxOptions} constants).
     */
    public record Info(String id, String description, TdxOptions defaults, Set<String> options) {
        public Info {
            options = Set.copyOf(options);
        }

        public int vcpus() {
            return defaults.vcpus();
        }

        public int gpas() {
            return defaults.gpas();
        }
    }

    private static final Set<String> NO_ZAP = Set.of(TdxOptions.VCPUS, TdxOptions.GPAS, TdxOptions.THRESHOLD,
            TdxOptions.PENDING_EVENTS, TdxOptions.GUEST);
    private static final Set<String> COMMON = with(NO_ZAP, TdxOptions.ZAP_KIND);

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> s = new java.util.TreeSet<>(base);
        s.addAll(List.of(more));
        return s;
    }

    private static Info info(String id, String description, int vcpus, int gpas, Set<String> options) {
        return new Info(id, description, TdxOptions.defaults().withVcpus(vcpus).withGpas(gpas), options);
    }

    public static final List<Info> ALL = List.of(
            // Default guest ve: the scenario is the race of seed 004, vCPUs taking EPT-violation faults
            // (plain accesses) on one page nobody has accepted; a Linux guest accepts first, its ACCEPT
            // exits are not counted and accept_memory() serialises it (tdx-facts §6c.3, §6c.8), so with
            // --guest linux the race cannot reach zero-step. The baseline pins both guests.
            new Info(FROZEN_SPTE_RACE, "V vCPUs fault on the same unmapped private GPA, then halt; no zap"
                    + " (guest ve: plain accesses)", TdxOptions.defaults().withGuest(GuestKind.VE), NO_ZAP),
            info(ZAP_VS_RUNNING, "one zap removes a mapped GPA while V vCPUs enter and exit forever", 2, 1, COMMON),
            info(ZAP_VS_ZERO_STEP, "vcpu0 starts in zero-step mode on gpa0, the others fault on gpa1, "
                    + "one zap removes mapped gpa2", 2, 3, COMMON),
            info(ACCEPT_VS_REMOVE, "the guest accepts an AUGed GPA while the zap removes it "
                    + "(extra vCPUs just exit)", 1, 1, COMMON),
            info(FAULT_STORM, "V vCPUs each fault on G GPAs in order plus one zap: of gpa0 under a #VE guest, of a"
                    + " page the guest released (gpa G) under a Linux guest: the scaling scenario", 2, 2, COMMON),
            // tdx-facts §6d: the SRCU deadlock of Yan Zhao's report (20250519023737.30360-1-yan.y.zhao@intel.com)
            // and its fix 2bc2694fe20b; the deletion zaps mapped gpa1 while the vCPUs fault on fresh gpa0.
            new Info(MEMSLOT_DELETE, "a memslot deletion (INVALID slot, SRCU wait, zap of mapped gpa1, re-add)"
                    + " while V vCPUs touch fresh gpa0", TdxOptions.defaults().withVcpus(1).withGpas(2)
                    .withZapKind(ZapKind.MEMSLOT), NO_ZAP),
            // tdx-facts §8.2: the entry lock's host-priority bit, set by a host SEAMCALL that lost to a
            // guest ACCEPT, turns the next guest ACCEPT of the page into BUSY (rewritten from HOST_PRIORITY).
            info(DOUBLE_ACCEPT, "V vCPUs issue a bare TDG.MEM.PAGE.ACCEPT of one AUGed GPA (no accept_memory()"
                    + " claim) while the zap removes it: the host-priority path", 2, 1, COMMON),
            // tdx-facts §6f: the KVM comment's "a single RIP causing EPT violations for more GFNs than the
            // threshold count" (tdx.c @3829d81b); --gpas = the GPAs the one instruction touches.
            info(MULTI_GPA_RIP, "one guest instruction touches G fresh GPAs at one RIP (a Linux guest accepts"
                    + " them first); no zap", 1, 7, NO_ZAP));

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

    /** The old signature: the scenario's default guest and zap kind. */
    public static TdxConfig build(String id, int vcpus, int gpas, int threshold, boolean pendingEvents,
                                  FaultRetryPolicy fault, ZapRetryPolicy zap) {
        TdxOptions d = info(id).defaults();
        return build(id, d.withVcpus(vcpus).withGpas(gpas).withThreshold(threshold).withPendingEvents(pendingEvents),
                fault, zap);
    }

    /** Builds a scenario instance; a one-line ModelException on options the scenario cannot take. */
    public static TdxConfig build(String id, TdxOptions o, FaultRetryPolicy fault, ZapRetryPolicy zap) {
        Info info = info(id);
        TdxOptions d = info.defaults();
        takes(info, TdxOptions.VCPUS, o.vcpus() != d.vcpus());
        takes(info, TdxOptions.GPAS, o.gpas() != d.gpas());
        takes(info, TdxOptions.THRESHOLD, o.threshold() != d.threshold());
        takes(info, TdxOptions.PENDING_EVENTS, o.pendingEvents() != d.pendingEvents());
        takes(info, TdxOptions.GUEST, o.guest() != d.guest());
        takes(info, TdxOptions.ZAP_KIND, o.zapKind() != d.zapKind());
        int vcpus = o.vcpus();
        int gpas = o.gpas();
        if (vcpus < 1) {
            throw new ModelException("vcpus must be at least 1, got " + vcpus);
        }
        if (gpas < 1) {
            throw new ModelException("gpas must be at least 1, got " + gpas);
        }
        if (o.threshold() < 1) {
            throw new ModelException("threshold must be at least 1, got " + o.threshold());
        }
        boolean linux = o.guest() == GuestKind.LINUX;
        List<VcpuInit> vi = new ArrayList<>();
        List<GpaInit> gi = new ArrayList<>(Collections.nCopies(gpas, GpaInit.UNMAPPED));
        int zapGpa;
        switch (id) {
            case FROZEN_SPTE_RACE -> {
                GuestScript s = GuestScript.once(touchAll(gpas, linux));
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
                // vcpu0 has exceeded the threshold at its RIP with gpa0 recorded (tdx-facts §1): plain
                // accesses to a page it had accepted, since zapped, so no ACCEPT even for Linux.
                vi.add(new VcpuInit(GuestScript.once(GuestOp.access(0)), o.threshold(), 1));
                for (int v = 1; v < vcpus; v++) {
                    vi.add(VcpuInit.of(GuestScript.once(touch(1, linux))));
                }
                gi.set(2, GpaInit.MAPPED);
                zapGpa = 2;
            }
            case MEMSLOT_DELETE -> {
                if (gpas != 2) {
                    throw new ModelException(id + " has a fixed layout of 2 gpas, got --gpas " + gpas);
                }
                for (int v = 0; v < vcpus; v++) {
                    vi.add(VcpuInit.of(GuestScript.once(touch(0, linux))));
                }
                gi.set(1, GpaInit.MAPPED);
                zapGpa = 1;
            }
            case MULTI_GPA_RIP -> {
                List<GuestOp> ops = new ArrayList<>();
                for (int g = 0; linux && g < gpas; g++) {
                    ops.add(GuestOp.accept(g)); // accept before use (tdx-facts §6c.3)
                }
                ops.add(GuestOp.accessMany((1 << gpas) - 1));
                for (int v = 0; v < vcpus; v++) {
                    vi.add(VcpuInit.of(new GuestScript(ops, false)));
                }
                zapGpa = -1;
            }
            case DOUBLE_ACCEPT -> {
                if (vcpus < 2) {
                    throw new ModelException(id + " needs at least 2 vcpus, got " + vcpus);
                }
                for (int v = 0; v < vcpus; v++) {
                    vi.add(VcpuInit.of(GuestScript.once(GuestOp.tdcallAccept(0))));
                }
                gi.set(0, GpaInit.PENDING);
                zapGpa = 0;
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
                GuestScript s = GuestScript.once(touchAll(gpas, linux));
                for (int v = 0; v < vcpus; v++) {
                    vi.add(VcpuInit.of(s));
                }
                if (linux) {
                    // Real userspace zaps a private page under a running Linux TD only when the guest
                    // asked for it (MapGPA -> KVM_SET_MEMORY_ATTRIBUTES, then the guest_memfd hole,
                    // tdx-facts §6b.9; Binbin Wu's MapGPA patch 20241201035358.2193078-5-binbin.wu@linux.intel.com),
                    // and the guest no longer touches the page as private. Zapping a page the guest
                    // still uses is accept-vs-remove's insane guest; a later touch is kvm_vm_dead (§6c.6).
                    // So the Linux storm's zap takes an extra page gpa G, accepted long ago (MAPPED).
                    if (gpas + 1 > TdxWords.MAX_GPAS) {
                        throw new ModelException(id + " with --guest linux zaps an extra released page: --gpas at most "
                                + (TdxWords.MAX_GPAS - 1) + ", got " + gpas);
                    }
                    gi.add(GpaInit.MAPPED);
                    zapGpa = gpas;
                } else {
                    zapGpa = 0; // a #VE guest re-faults on the punched page and its #VE handler accepts it
                }
            }
        }
        return new TdxConfig(id, vi, gi, false, o.threshold(), o.pendingEvents(), zapGpa, fault, zap, o.guest(),
                o.zapKind());
    }

    private static void takes(Info info, String option, boolean changed) {
        if (changed && !info.options().contains(option)) {
            throw new ModelException("scenario " + info.id() + " does not take --" + option);
        }
    }

    /**
     * The guest's first use of a fresh private page: a Linux guest accepts it, then touches it
     * (accept before use, tdx-facts §6c.3); a #VE guest just touches it.
     */
    private static GuestOp[] touch(int gpa, boolean linux) {
        return linux ? new GuestOp[] {GuestOp.accept(gpa), GuestOp.access(gpa)} : new GuestOp[] {GuestOp.access(gpa)};
    }

    private static GuestOp[] touchAll(int gpas, boolean linux) {
        List<GuestOp> ops = new ArrayList<>();
        for (int g = 0; g < gpas; g++) {
            ops.addAll(List.of(touch(g, linux)));
        }
        return ops.toArray(new GuestOp[0]);
    }
}
