package tdxcheck.model.tdx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import tdxcheck.core.spi.ModelException;
import tdxcheck.model.tdx.policy.FaultRetryPolicy;
import tdxcheck.model.tdx.policy.ZapRetryPolicy;

/**
 * The scenarios of design.md (ids are the contract), and the huge-page ones (tdx-facts §7a). Each has default parameters; vCPUs,
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
    public static final String CONVERT_VS_ACCEPT = "convert-vs-accept";
    public static final String DEMOTE_VS_RUNNING = "demote-vs-running";
    public static final String ACCEPT_4K_ON_2M = "accept-4k-on-2m";

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
            TdxOptions.PENDING_EVENTS, TdxOptions.GUEST, TdxOptions.PRESENT_SPTE);
    private static final Set<String> COMMON = with(NO_ZAP, TdxOptions.ZAP_KIND, TdxOptions.ZAPS);

    /** The huge-page scenarios' options (tdx-facts §7a); the others take none of the huge-page ones. */
    private static final Set<String> DEMOTE_OPTIONS = Set.of(TdxOptions.VCPUS, TdxOptions.THRESHOLD, HugePage.MAPPING,
            HugePage.EDI);
    private static final Set<String> ACCEPT_2M_OPTIONS = Set.of(TdxOptions.VCPUS, HugePage.MAPPING,
            HugePage.ACCEPT_LEVEL, HugePage.ACCEPT_4K_LOCKS_2M, HugePage.EDI);

    /** A huge-page scenario's default: mapped at 2M, 4K ACCEPT, no 2M lock for it, the feature present, a split. */
    private static final HugePage SPLIT_2M = new HugePage(true, false, false, true, true);

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
                    + " them first); no zap", 1, 7, NO_ZAP),
            // seed 003 and tdx-facts §6b.9, §6e: Binbin Wu's MapGPA patch
            // (20241201035358.2193078-5-binbin.wu@linux.intel.com) sends MapGPA to userspace, which
            // converts with KVM_SET_MEMORY_ATTRIBUTES (the conversion zap and its window).
            new Info(CONVERT_VS_ACCEPT, "vcpu0's guest asks (MapGPA) to convert AUGed gpa0 to shared; its"
                    + " userspace converts it while the other vCPUs accept (linux) or touch (ve) gpa0",
                    TdxOptions.defaults().withZapKind(ZapKind.CONVERSION), NO_ZAP),
            // tdx-facts §7a.6: the huge-page series v3 (20260106101646.24809-1-yan.y.zhao@intel.com) splits
            // under mmu_lock write: BLOCK, tdx_track (TRACK + kick), tdx_pamt_get, DEMOTE. vcpu0 has
            // exceeded the zero-step threshold with gpa0 recorded (mapped by now), so its next entries
            // take secure_ept_lock EX (§1) against DEMOTE's shared hold (RFC v2 10/23, §7a.6).
            info(DEMOTE_VS_RUNNING, "KVM splits the 2M mapping of gpa0 (BLOCK, TRACK + kick, PAMT get, DEMOTE)"
                    + " while V vCPUs enter and exit forever; vcpu0 starts in zero-step mode with gpa0 recorded",
                    2, 1, DEMOTE_OPTIONS),
            // tdx-facts §7a.7: host level against accept level; the split stands for any host split of
            // the range (a partial punch-hole or conversion, or the v3 demote on a 4K ACCEPT's exit).
            info(ACCEPT_4K_ON_2M, "a Linux guest accepts gpa0, AUGed at 2M, at --accept-level while KVM splits the"
                    + " 2M mapping (extra vCPUs just exit)", 1, 1, ACCEPT_2M_OPTIONS));

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

    /** The huge-page environment a scenario has by default: {@link HugePage#NONE} except in the huge-page scenarios. */
    public static HugePage hugePageDefaults(String id) {
        return id.equals(DEMOTE_VS_RUNNING) || id.equals(ACCEPT_4K_ON_2M) ? SPLIT_2M : HugePage.NONE;
    }

    /** Whether the scenario takes the huge-page parameters (and its Params carry them). */
    public static boolean hugePageScenario(String id) {
        return hugePageDefaults(id).split();
    }

    /** Builds a scenario instance with its default huge-page environment. */
    public static TdxConfig build(String id, TdxOptions o, FaultRetryPolicy fault, ZapRetryPolicy zap) {
        return build(id, o, fault, zap, hugePageDefaults(id));
    }

    /** Builds a scenario instance; a one-line ModelException on options the scenario cannot take. */
    public static TdxConfig build(String id, TdxOptions o, FaultRetryPolicy fault, ZapRetryPolicy zap, HugePage hp) {
        Info info = info(id);
        HugePage dh = hugePageDefaults(id);
        takes(info, HugePage.MAPPING, hp.mapping2m() != dh.mapping2m());
        takes(info, HugePage.ACCEPT_LEVEL, hp.accept2m() != dh.accept2m());
        takes(info, HugePage.ACCEPT_4K_LOCKS_2M, hp.accept4kLocks2m() != dh.accept4kLocks2m());
        takes(info, HugePage.EDI, hp.edi() != dh.edi());
        if (hp.split() != dh.split()) {
            throw new ModelException("scenario " + id + (dh.split() ? " splits" : " does not split") + " a 2M mapping");
        }
        TdxOptions d = info.defaults();
        takes(info, TdxOptions.VCPUS, o.vcpus() != d.vcpus());
        takes(info, TdxOptions.GPAS, o.gpas() != d.gpas());
        takes(info, TdxOptions.THRESHOLD, o.threshold() != d.threshold());
        takes(info, TdxOptions.PENDING_EVENTS, o.pendingEvents() != d.pendingEvents());
        takes(info, TdxOptions.GUEST, o.guest() != d.guest());
        takes(info, TdxOptions.ZAP_KIND, o.zapKind() != d.zapKind());
        takes(info, TdxOptions.ZAPS, o.zaps() != d.zaps());
        takes(info, TdxOptions.PRESENT_SPTE, o.presentSpte() != d.presentSpte());
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
            case CONVERT_VS_ACCEPT -> {
                if (vcpus < 2) {
                    throw new ModelException(id + " needs at least 2 vcpus, got " + vcpus);
                }
                if (gpas != 1) {
                    throw new ModelException(id + " has a fixed layout of 1 gpa, got --gpas " + gpas);
                }
                vi.add(VcpuInit.of(GuestScript.once(GuestOp.mapGpaShared(0))));
                for (int v = 1; v < vcpus; v++) {
                    vi.add(VcpuInit.of(GuestScript.once(touch(0, linux))));
                }
                gi.set(0, GpaInit.PENDING);
                zapGpa = 0;
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
            case DEMOTE_VS_RUNNING -> {
                vi.add(new VcpuInit(GuestScript.forever(GuestOp.exit()), o.threshold(), 1));
                for (int v = 1; v < vcpus; v++) {
                    vi.add(VcpuInit.of(GuestScript.forever(GuestOp.exit())));
                }
                gi.set(0, GpaInit.MAPPED);
                zapGpa = 0;
            }
            case ACCEPT_4K_ON_2M -> {
                vi.add(VcpuInit.of(GuestScript.once(GuestOp.accept(0), GuestOp.access(0))));
                for (int v = 1; v < vcpus; v++) {
                    vi.add(VcpuInit.of(GuestScript.once(GuestOp.exit())));
                }
                gi.set(0, GpaInit.PENDING); // PAGE.AUG at 2M, not yet accepted
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
        int secondZapGpa = -1;
        if (o.zaps() == 2) {
            // tdx-facts §6g: the second zap removes its own page, mapped (accepted) from the start and
            // untouched by the guest, so it always BLOCKs, TRACKs (epoch 1 -> 2) and REMOVEs.
            if (gi.size() + 1 > TdxWords.MAX_GPAS) {
                throw new ModelException(id + " with --zaps 2 zaps an extra page: at most " + TdxWords.MAX_GPAS
                        + " gpas in all, got " + (gi.size() + 1));
            }
            gi.add(GpaInit.MAPPED);
            secondZapGpa = gi.size() - 1;
        }
        return new TdxConfig(id, vi, gi, false, o.threshold(), o.pendingEvents(), zapGpa, fault, zap, o.guest(),
                o.zapKind(), secondZapGpa, o.presentSpte(), VpEnterEnv.DEFAULT, hp);
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
