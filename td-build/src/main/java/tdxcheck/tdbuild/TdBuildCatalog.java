package tdxcheck.tdbuild;

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
import tdxcheck.tdbuild.guard.BuildGuard;
import tdxcheck.tdbuild.guard.Guards;
import tdxcheck.tdbuild.property.BuildProperties;

/**
 * The {@code td-build} family (tdx-facts §7c): the TD-build ioctls against the module's TDR and
 * TDVPR locks. One policy axis, {@code guard}, with one preset per guard.
 */
public final class TdBuildCatalog implements Catalog {
    public static final String FAMILY = "td-build";

    public static final ParamSpec VCPUS = ParamSpec.integer("vcpus", "vcpus", 1, BuildShape.MAX_VCPUS,
            "number of vCPU threads (each: KVM_CREATE_VCPU, KVM_TDX_INIT_VCPU)");
    public static final ParamSpec MEM_REGIONS = ParamSpec.integer("mem-regions", "memRegions", 0, BuildShape.MAX_VCPUS,
            "the first N vCPU threads then issue KVM_TDX_INIT_MEM_REGION");
    public static final ParamSpec PAGES = ParamSpec.integer("pages", "pages", 1, 2,
            "pages per INIT_MEM_REGION (TDH.MEM.PAGE.ADD each)");
    public static final ParamSpec TDCX = ParamSpec.integer("tdcx", "tdcx", 1, 2,
            "TDH.VP.ADDCX calls per INIT_VCPU (TDCX pages)");
    public static final ParamSpec MEASURE = ParamSpec.bool("measure", "measure",
            "INIT_MEM_REGION measures each page (KVM_TDX_MEASURE_MEMORY_REGION: TDH.MR.EXTEND)");
    public static final ParamSpec FINALIZE = ParamSpec.bool("finalize", "finalize",
            "the VM thread issues KVM_TDX_FINALIZE_VM after INIT_VM");
    public static final ParamSpec VP_INIT_TDR = ParamSpec.choice("vp-init-tdr", "vpInitTdr", VpInitTdr.ids(),
            "how TDH.VP.INIT holds the TDR: shared (module 1.5.01) or exclusive (2.0.08, VP.INIT v1); UNCONFIRMED which module changed it");
    private static final List<ParamSpec> PARAMS = List.of(VCPUS, MEM_REGIONS, PAGES, TDCX, MEASURE, FINALIZE, VP_INIT_TDR);

    public static final AxisSpec GUARD = new AxisSpec("guard", "guard", "build guard",
            Guards.all().stream().map(g -> new Described(g.id(), g.description())).toList());

    public static final String VCPU_VS_MEM_REGION = "vcpu-vs-mem-region";
    public static final String VCPU_VS_FINALIZE = "vcpu-vs-finalize";
    public static final String TWO_VCPUS = "two-vcpus";
    public static final String FULL_BUILD = "full-build";

    private static Params params(int vcpus, int memRegions, boolean finalize) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(VCPUS.name(), vcpus);
        m.put(MEM_REGIONS.name(), memRegions);
        m.put(PAGES.name(), 1);
        m.put(TDCX.name(), 1);
        m.put(MEASURE.name(), true);
        m.put(FINALIZE.name(), finalize);
        m.put(VP_INIT_TDR.name(), VpInitTdr.SHARED.id());
        return Params.of(PARAMS, m);
    }

    private record BuildScenario(String id, String description, Params defaults) implements Scenario {
        @Override
        public CheckTarget build(Params p, Policy policy) {
            return TdBuildCatalog.build(p, Guards.byId(policy.value(GUARD.name())));
        }
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new BuildScenario(VCPU_VS_MEM_REGION,
                    "the report: vcpu1's INIT_VCPU while vcpu0 runs INIT_MEM_REGION (PAGE.ADD, MR.EXTEND); no finalize",
                    params(2, 1, false)),
            new BuildScenario(VCPU_VS_FINALIZE,
                    "one vCPU's INIT_VCPU while the VM thread finalizes",
                    params(1, 0, true)),
            new BuildScenario(TWO_VCPUS,
                    "two INIT_VCPUs at once (VP.INIT's TDR mode decides); no memory, no finalize",
                    params(2, 0, false)),
            new BuildScenario(FULL_BUILD,
                    "everything at once: INIT_VM, two INIT_VCPUs, one INIT_MEM_REGION, FINALIZE_VM",
                    params(2, 1, true)));

    /** Builds a target for a guard instance (tests pass their own guards here). */
    public static CheckTarget build(Params p, BuildGuard guard) {
        BuildShape shape = new BuildShape(p.intValue(VCPUS.name()), p.intValue(MEM_REGIONS.name()),
                p.intValue(PAGES.name()), p.intValue(TDCX.name()), p.boolValue(MEASURE.name()),
                p.boolValue(FINALIZE.name()), VpInitTdr.byId(p.choice(VP_INIT_TDR.name())));
        BuildModel m = new BuildModel(shape, guard);
        return new CheckTarget(m, BuildProperties.all(m));
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public String description() {
        return "TD build (tdx-facts 7c): INIT_VM/INIT_VCPU/INIT_MEM_REGION/FINALIZE against the TDR lock, under five guards";
    }

    @Override
    public List<Scenario> scenarios() {
        return SCENARIOS;
    }


    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public List<AxisSpec> axes() {
        return List.of(GUARD);
    }

    @Override
    public List<Preset> presets() {
        return Preset.perValue(GUARD);
    }

    @Override
    public String defaultPreset() {
        return "v6.16";
    }

    /** Every scenario is pinned with VP.INIT holding the TDR shared and exclusive (UNCONFIRMED, §8). */
    @Override
    public List<Params> baselineVariants(Scenario s) {
        return List.of(s.defaults(), s.defaults().with(VP_INIT_TDR.name(), VpInitTdr.EXCLUSIVE.id()));
    }

    @Override
    public List<Described> properties() {
        CheckTarget t = build(SCENARIOS.get(0).defaults(), Guards.byId(defaultPreset()));
        return t.properties().stream().map(p -> new Described(p.id(), p.description())).toList();
    }
}
