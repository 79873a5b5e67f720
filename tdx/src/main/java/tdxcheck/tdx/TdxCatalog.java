package tdxcheck.tdx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tdxcheck.core.catalog.AxisSpec;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Described;
import tdxcheck.core.catalog.ParamSpec;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Policy;
import tdxcheck.core.catalog.Preset;
import tdxcheck.core.catalog.Scenario;
import tdxcheck.model.tdx.GuestKind;
import tdxcheck.model.tdx.HugePage;
import tdxcheck.model.tdx.PresentSpte;
import tdxcheck.model.tdx.TdxConfig;
import tdxcheck.model.tdx.TdxModel;
import tdxcheck.model.tdx.TdxOptions;
import tdxcheck.model.tdx.TdxScenarios;
import tdxcheck.model.tdx.TdxWords;
import tdxcheck.model.tdx.VpEnterEnv;
import tdxcheck.model.tdx.VpEnterError;
import tdxcheck.model.tdx.ZapKind;
import tdxcheck.model.tdx.policy.ExitDecode;
import tdxcheck.model.tdx.policy.FaultRetryPolicy;
import tdxcheck.model.tdx.policy.HpV3;
import tdxcheck.model.tdx.policy.RetryUntilSuccess;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.model.tdx.policy.RetryPolicy;
import tdxcheck.model.tdx.policy.ZapRetryPolicy;
import tdxcheck.properties.tdx.TdxProperties;

/**
 * The TDX family (the default): the scenarios, their parameters, the two retry-policy axes, the
 * presets and the named properties. Everything the CLI, suites, JSON and baseline know about TDX
 * comes from the declarations here.
 */
public final class TdxCatalog implements Catalog {
    public static final String FAMILY = "tdx";

    public static final ParamSpec VCPUS = ParamSpec.integer("vcpus", "vcpus", 1, TdxWords.MAX_VCPUS,
            "number of vCPUs");
    public static final ParamSpec GPAS = ParamSpec.integer("gpas", "gpas", 1, TdxWords.MAX_GPAS,
            "number of guest physical pages");
    public static final ParamSpec THRESHOLD = ParamSpec.integer("threshold", "threshold", 1, TdxWords.MAX_THRESHOLD,
            "zero-step threshold (STEPPING_EPF_THRESHOLD = 6 in TDX module 1.0-2.0)");
    public static final ParamSpec PENDING_EVENTS = ParamSpec.bool("pending-events", "pendingEvents",
            "an event may be pending at any point, breaking KVM's local retry");

    public static final ParamSpec GUEST = ParamSpec.choice(TdxOptions.GUEST, "guest",
            java.util.Arrays.stream(GuestKind.values()).map(GuestKind::id).toList(),
            "the guest: linux (SEPT #VE disabled, accepts before use) or ve (SEPT #VE enabled, plain accesses)");

    public static final ParamSpec ZAP_KIND = ParamSpec.choice(TdxOptions.ZAP_KIND, "zapKind",
            java.util.Arrays.stream(ZapKind.values()).map(ZapKind::id).toList(),
            "why the host zaps: punch-hole (guest_memfd) or conversion (KVM_SET_MEMORY_ATTRIBUTES); the"
                    + " mmu-invalidation window around the zap differs (docs/model.md)");

    public static final ParamSpec ZAPS = ParamSpec.integer(TdxOptions.ZAPS, "zaps", 1, TdxOptions.MAX_ZAPS,
            "zaps the zap actor runs one after the other (2: a second page, the TLB epoch moves past 1)");

    public static final ParamSpec PRESENT_SPTE = ParamSpec.choice(TdxOptions.PRESENT_SPTE, "presentSpte",
            java.util.Arrays.stream(PresentSpte.values()).map(PresentSpte::id).toList(),
            "KVM's return on the zero-step fake exit for a present mirror SPTE (unconfirmed): spurious (re-enter),"
                    + " retry (RET_PF_RETRY, the fault policy decides) or kvm-bug");

    /** tdx-facts §7e.3: what TDH.VP.ENTER may return instead of entering (default none). */
    public static final ParamSpec VP_ENTER_ERRORS = ParamSpec.choice("vp-enter-errors", "vpEnterErrors",
            VpEnterError.choices(), "error returns of TDH.VP.ENTER the module may make instead of entering: none,"
                    + " all, or one class (zero-low-bits errors, SW errors, a NON_RECOVERABLE exit)");
    /** UNCONFIRMED (seed 000): whether R9 (intr_info) can look like an NMI on an error return. */
    public static final ParamSpec ERROR_R9_NMI = ParamSpec.bool("error-r9-nmi", "errorR9Nmi",
            "on an error return R9 (intr_info) reads as an NMI (UNCONFIRMED; used by exit-decode v19-union)");

    // tdx-facts §7a: the huge-page scenarios' parameters; the other scenarios' params do not carry them
    public static final ParamSpec MAPPING = ParamSpec.choice(HugePage.MAPPING, "mapping", List.of("4k", "2m"),
            "how the page is mapped when the scenario starts: 4k, or 2m (a 2M leaf that KVM splits with DEMOTE)");
    public static final ParamSpec ACCEPT_LEVEL = ParamSpec.choice(HugePage.ACCEPT_LEVEL, "acceptLevel",
            List.of("4k", "2m"), "the level of the guest's TDG.MEM.PAGE.ACCEPT: 4k or 2m (a Linux guest falls back to"
                    + " 4k on TDX_PAGE_SIZE_MISMATCH)");
    /** UNCONFIRMED (tdx-facts §7a.7): whether a 4K ACCEPT under a 2M leaf takes the 2M entry's lock. */
    public static final ParamSpec ACCEPT_4K_LOCKS_2M = ParamSpec.bool(HugePage.ACCEPT_4K_LOCKS_2M, "accept4kLocks2m",
            "a 4K ACCEPT under a 2M leaf holds the 2M entry's lock before it exits (UNCONFIRMED; default false)");
    public static final ParamSpec EDI = ParamSpec.bool(HugePage.EDI, "edi",
            "the module enumerates ENHANCED_DEMOTE_INTERRUPTIBILITY (TDX_FEATURES0 bit 51): DEMOTE never returns"
                    + " TDX_INTERRUPTED_RESTARTABLE; false: a host interrupt may be pending at every DEMOTE");

    /** The parameters every scenario's Params carry (the JSON params of a 4K scenario). */
    private static final List<ParamSpec> PARAMS_4K = List.of(VCPUS, GPAS, THRESHOLD, PENDING_EVENTS, GUEST, ZAP_KIND,
            ZAPS, PRESENT_SPTE, VP_ENTER_ERRORS, ERROR_R9_NMI);
    private static final List<ParamSpec> PARAMS = List.of(VCPUS, GPAS, THRESHOLD, PENDING_EVENTS, GUEST, ZAP_KIND,
            ZAPS, PRESENT_SPTE, VP_ENTER_ERRORS, ERROR_R9_NMI, MAPPING, ACCEPT_LEVEL, ACCEPT_4K_LOCKS_2M, EDI);

    public static final AxisSpec FAULT_RETRY = new AxisSpec("fault-retry", "faultRetry", "fault retry policy",
            Policies.faultPolicies().stream().map(p -> new Described(p.id(), p.description())).toList());
    public static final AxisSpec ZAP_RETRY = new AxisSpec("zap-retry", "zapRetry", "zap retry policy",
            Policies.zapPolicies().stream().map(p -> new Described(p.id(), p.description())).toList());

    /** tdx-facts §7e: how KVM reads TDH.VP.ENTER's return; every preset takes mainline's classified. */
    public static final AxisSpec EXIT_DECODE = new AxisSpec("exit-decode", "exitDecode", "VP.ENTER exit decode policy",
            java.util.Arrays.stream(ExitDecode.values()).map(d -> new Described(d.id(), d.description())).toList());

    private static final List<AxisSpec> AXES = List.of(FAULT_RETRY, ZAP_RETRY, EXIT_DECODE);

    /** A TDX scenario as the CLI sees it. */
    private record TdxScenario(TdxScenarios.Info info) implements Scenario {
        @Override
        public String id() {
            return info.id();
        }

        @Override
        public String description() {
            return info.description();
        }

        @Override
        public Params defaults() {
            TdxOptions o = info.defaults();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(VCPUS.name(), o.vcpus());
            m.put(GPAS.name(), o.gpas());
            m.put(THRESHOLD.name(), o.threshold());
            m.put(PENDING_EVENTS.name(), o.pendingEvents());
            m.put(GUEST.name(), o.guest().id());
            m.put(ZAP_KIND.name(), o.zapKind().id());
            m.put(ZAPS.name(), o.zaps());
            m.put(PRESENT_SPTE.name(), o.presentSpte().id());
            m.put(VP_ENTER_ERRORS.name(), VpEnterError.NONE);
            m.put(ERROR_R9_NMI.name(), VpEnterEnv.DEFAULT.errorR9Nmi());
            if (!TdxScenarios.hugePageScenario(info.id())) {
                return Params.of(PARAMS_4K, m); // runs of 4K scenarios keep their JSON params as before §7a
            }
            HugePage hp = TdxScenarios.hugePageDefaults(info.id());
            m.put(MAPPING.name(), HugePage.level(hp.mapping2m()));
            m.put(ACCEPT_LEVEL.name(), HugePage.level(hp.accept2m()));
            m.put(ACCEPT_4K_LOCKS_2M.name(), hp.accept4kLocks2m());
            m.put(EDI.name(), hp.edi());
            return Params.of(PARAMS, m);
        }

        @Override
        public CheckTarget build(Params p, Policy policy) {
            String decode = policy.value(EXIT_DECODE.name());
            return TdxCatalog.build(info.id(), p, Policies.fault(policy.value(FAULT_RETRY.name())),
                    Policies.zap(policy.value(ZAP_RETRY.name())),
                    decode == null ? VpEnterEnv.DEFAULT.decode() : ExitDecode.of(decode));
        }
    }

    /** Builds a target with explicit policy instances (the JUnit API passes user-written policies here). */
    public static CheckTarget build(String scenario, Params p, FaultRetryPolicy fault, ZapRetryPolicy zap) {
        return build(scenario, p, fault, zap, VpEnterEnv.DEFAULT.decode());
    }

    /** As above, with the exit-decode policy; the VP.ENTER error returns come from the parameters. */
    public static CheckTarget build(String scenario, Params p, FaultRetryPolicy fault, ZapRetryPolicy zap,
                                    ExitDecode decode) {
        TdxConfig c = TdxScenarios.build(scenario, options(p), fault, zap, hugePage(scenario, p))
                .withVpEnter(vpEnter(p, decode));
        return new CheckTarget(new TdxModel(c), TdxProperties.all(c));
    }

    /** The huge-page environment of a run: the scenario's default, with the parameters its Params carry. */
    public static HugePage hugePage(String scenario, Params p) {
        HugePage d = TdxScenarios.hugePageDefaults(scenario);
        if (!p.has(MAPPING.name())) {
            return d;
        }
        return new HugePage(p.choice(MAPPING.name()).equals("2m"), p.choice(ACCEPT_LEVEL.name()).equals("2m"),
                p.boolValue(ACCEPT_4K_LOCKS_2M.name()), p.boolValue(EDI.name()), d.split());
    }

    /** The VP.ENTER environment of a run: its decode policy and the error parameters. */
    public static VpEnterEnv vpEnter(Params p, ExitDecode decode) {
        int errors = p.has(VP_ENTER_ERRORS.name()) ? VpEnterError.mask(p.choice(VP_ENTER_ERRORS.name())) : 0;
        boolean r9 = p.has(ERROR_R9_NMI.name()) ? p.boolValue(ERROR_R9_NMI.name()) : VpEnterEnv.DEFAULT.errorR9Nmi();
        return new VpEnterEnv(decode, errors, r9);
    }

    /** Builds a target from every scenario option; the scenario refuses options it does not take. */
    public static CheckTarget build(String scenario, TdxOptions o, FaultRetryPolicy fault, ZapRetryPolicy zap) {
        TdxConfig c = TdxScenarios.build(scenario, o, fault, zap);
        return new CheckTarget(new TdxModel(c), TdxProperties.all(c));
    }

    /** The model's options of a run's parameters. */
    public static TdxOptions options(Params p) {
        return new TdxOptions(p.intValue(VCPUS.name()), p.intValue(GPAS.name()), p.intValue(THRESHOLD.name()),
                p.boolValue(PENDING_EVENTS.name()), GuestKind.of(p.choice(GUEST.name())),
                ZapKind.of(p.choice(ZAP_KIND.name())), p.intValue(ZAPS.name()),
                PresentSpte.of(p.choice(PRESENT_SPTE.name())));
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public String description() {
        return "lock contention between KVM and the TDX module: try-locks, zero-step, fault/zap/run paths";
    }

    @Override
    public List<Scenario> scenarios() {
        List<Scenario> l = new ArrayList<>();
        for (TdxScenarios.Info i : TdxScenarios.ALL) {
            l.add(new TdxScenario(i));
        }
        return l;
    }


    /**
     * Scenarios whose pending-events variant the baseline also pins: the ones where a pending
     * event changes what local retry does (a vCPU retrying in KVM may break out and re-enter).
     */
    private static final List<String> PENDING_EVENTS_VARIANTS = List.of(TdxScenarios.FROZEN_SPTE_RACE,
            TdxScenarios.ZAP_VS_ZERO_STEP, TdxScenarios.FAULT_STORM);

    /**
     * Scenarios whose other guest kind the baseline also pins: the frozen-SPTE race of seed 004 is
     * a race of plain accesses (default {@code ve}), which a Linux guest (accept before use, ACCEPT
     * exits not counted, tdx-facts §6c.3, §6c.8) does not make.
     */
    private static final List<String> BOTH_GUESTS = List.of(TdxScenarios.FROZEN_SPTE_RACE, TdxScenarios.FAULT_STORM,
            TdxScenarios.MEMSLOT_DELETE, TdxScenarios.MULTI_GPA_RIP, TdxScenarios.CONVERT_VS_ACCEPT);

    /**
     * Scenarios whose other zap kinds the baseline also pins (without pending events): where a
     * fault can meet the open invalidation window (tdx-facts §6b).
     */
    private static final List<String> ZAP_KIND_VARIANTS = List.of(TdxScenarios.FAULT_STORM);

    /**
     * The scenario whose VP.ENTER error returns the baseline pins, each value of
     * {@code --vp-enter-errors} and R9 not an NMI (tdx-facts §7e): the one where vCPUs enter forever.
     */
    private static final String VP_ENTER_ERROR_VARIANTS = TdxScenarios.ZAP_VS_RUNNING;

    /**
     * Scenarios whose two-zap variant the baseline also pins: the second zap's TRACK moves the
     * epoch to 2 (tdx-facts §6g).
     */
    private static final List<String> ZAPS_VARIANTS = List.of(TdxScenarios.ZAP_VS_RUNNING);

    @Override
    public List<Params> baselineVariants(Scenario s) {
        if (TdxScenarios.hugePageScenario(s.id())) {
            return hugePageVariants(s);
        }
        List<Params> guests = new ArrayList<>(List.of(s.defaults()));
        if (BOTH_GUESTS.contains(s.id())) {
            for (GuestKind k : GuestKind.values()) {
                if (!k.id().equals(s.defaults().choice(GUEST.name()))) {
                    guests.add(s.defaults().with(GUEST.name(), k.id()));
                }
            }
        }
        List<Params> out = new ArrayList<>();
        for (boolean pending : new boolean[] {false, true}) {
            for (Params g : guests) {
                if (!pending) {
                    out.add(g);
                } else if (PENDING_EVENTS_VARIANTS.contains(s.id()) && !g.boolValue(PENDING_EVENTS.name())) {
                    out.add(g.with(PENDING_EVENTS.name(), true));
                }
            }
        }
        if (VP_ENTER_ERROR_VARIANTS.equals(s.id())) {
            for (String e : VpEnterError.choices()) {
                if (!e.equals(VpEnterError.NONE)) {
                    out.add(s.defaults().with(VP_ENTER_ERRORS.name(), e));
                }
            }
            out.add(s.defaults().with(VP_ENTER_ERRORS.name(), VpEnterError.PREV_EPOCH_BUSY.id())
                    .with(ERROR_R9_NMI.name(), false));
        }
        if (ZAP_KIND_VARIANTS.contains(s.id())) {
            for (Params g : guests) {
                for (ZapKind k : ZapKind.values()) {
                    if (!k.id().equals(g.choice(ZAP_KIND.name()))) {
                        out.add(g.with(ZAP_KIND.name(), k.id()));
                    }
                }
            }
        }
        // tdx-facts §6c.5: KVM's return on the fake exit for a present mirror SPTE is unconfirmed, so
        // every value is pinned, for each pinned guest of every scenario
        for (Params g : guests) {
            for (PresentSpte v : PresentSpte.values()) {
                if (!v.id().equals(g.choice(PRESENT_SPTE.name()))) {
                    out.add(g.with(PRESENT_SPTE.name(), v.id()));
                }
            }
        }
        if (ZAPS_VARIANTS.contains(s.id())) {
            out.add(s.defaults().with(ZAPS.name(), 2));
        }
        return out;
    }

    /**
     * The huge-page scenarios' pinned variants (tdx-facts §7a): the feature absent (the
     * INTERRUPTED_RESTARTABLE question, §7a.4), and for the ACCEPT scenario each accept level, the
     * UNCONFIRMED 2M entry lock of a 4K ACCEPT both ways (§7a.7), and a 2M ACCEPT of a 4K mapping.
     */
    private static List<Params> hugePageVariants(Scenario s) {
        Params d = s.defaults();
        List<Params> out = new ArrayList<>(List.of(d));
        if (s.id().equals(TdxScenarios.ACCEPT_4K_ON_2M)) {
            out.add(d.with(ACCEPT_LEVEL.name(), "2m"));
            out.add(d.with(ACCEPT_4K_LOCKS_2M.name(), true));
        }
        out.add(d.with(EDI.name(), false));
        if (s.id().equals(TdxScenarios.ACCEPT_4K_ON_2M)) {
            out.add(d.with(MAPPING.name(), "4k").with(ACCEPT_LEVEL.name(), "2m"));
        }
        return out;
    }

    /**
     * Zap-policy values the baseline pins for scenario {@code id}: the huge-page policies only
     * where there is a DEMOTE to decide on (on a 4K zap hp-v3 is retry-once-then-kick and
     * retry-until-success leaves the 4K calls to it as well), every value elsewhere.
     */
    @Override
    public List<String> baselineAxisValues(String scenario, AxisSpec axis) {
        List<String> all = axis.values().stream().map(Described::id).toList();
        if (!axis.name().equals(ZAP_RETRY.name()) || TdxScenarios.hugePageScenario(scenario)) {
            return all;
        }
        return all.stream().filter(v -> !v.equals(HpV3.ID) && !v.equals(RetryUntilSuccess.ID)).toList();
    }

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public List<AxisSpec> axes() {
        return AXES;
    }

    @Override
    public List<Preset> presets() {
        List<Preset> l = new ArrayList<>();
        for (RetryPolicy p : Policies.presets()) {
            Map<String, String> c = new LinkedHashMap<>();
            c.put(FAULT_RETRY.name(), p.fault().id());
            c.put(ZAP_RETRY.name(), p.zap().id());
            c.put(EXIT_DECODE.name(), ExitDecode.CLASSIFIED.id());
            l.add(new Preset(p.id(), p.description(), c));
        }
        return l;
    }

    @Override
    public String defaultPreset() {
        return Policies.UPSTREAM;
    }

    @Override
    public List<Described> properties() {
        TdxConfig probe = TdxScenarios.build(TdxScenarios.FAULT_STORM, 1, 1, 6, false, Policies.fault("local-retry"),
                Policies.zap("retry-once-then-kick"));
        return TdxProperties.all(probe).stream().map(p -> new Described(p.id(), p.description())).toList();
    }

}
