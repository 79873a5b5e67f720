package tdxcheck.tdxenable;

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
import tdxcheck.core.property.Property;
import tdxcheck.tdxenable.order.EnableOrder;
import tdxcheck.tdxenable.order.Orders;
import tdxcheck.tdxenable.property.EnableProperties;

/**
 * The {@code tdx-enable} family (seed 002, tdx-facts §7d): TDX enabling against VMXON, CPU hotplug
 * and kvm_usage_count. One policy axis, {@code order}, with one preset per order.
 */
public final class TdxEnableCatalog implements Catalog {
    public static final String FAMILY = "tdx-enable";

    public static final ParamSpec CPUS = ParamSpec.integer("cpus", "cpus", 2, EnableWords.MAX_CPUS,
            "number of CPUs (CPU 0 is the boot CPU and never goes offline)");
    public static final ParamSpec PACKAGES = ParamSpec.integer("packages", "packages", 1, EnableWords.MAX_CPUS,
            "number of packages; CPU i is in package i*packages/cpus");
    public static final ParamSpec START_ONLINE = ParamSpec.integer("start-online", "startOnline", 1,
            EnableWords.MAX_CPUS, "CPUs 0..N-1 are online before module load");
    public static final ParamSpec VM = ParamSpec.bool("vm", "vm",
            "one VM: KVM_CREATE_VM, TD creation (HKID), one TDH.VP.ENTER, teardown, destruction");
    public static final ParamSpec UNLOAD = ParamSpec.bool("unload", "unload",
            "after loading, KVM is unloaded (when no VM holds /dev/kvm) and loaded again");
    private static final List<ParamSpec> PARAMS = List.of(CPUS, PACKAGES, START_ONLINE, VM, UNLOAD);

    public static final AxisSpec ORDER = new AxisSpec("order", "order", "enable order",
            Orders.all().stream().map(o -> new Described(o.id(), o.description())).toList());

    private static Params params(int cpus, int packages, int startOnline, boolean vm, boolean unload) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(CPUS.name(), cpus);
        m.put(PACKAGES.name(), packages);
        m.put(START_ONLINE.name(), startOnline);
        m.put(VM.name(), vm);
        m.put(UNLOAD.name(), unload);
        return Params.of(PARAMS, m);
    }

    /** A scenario: its defaults; every one builds the same model from its params. */
    private record EnableScenario(String id, String description, Params defaults) implements Scenario {
        @Override
        public CheckTarget build(Params p, Policy policy) {
            return TdxEnableCatalog.build(p, Orders.byId(policy.value(ORDER.name())));
        }
    }

    public static final String LATE_CPU_ONLINE = "late-cpu-online";
    public static final String LAST_CPU_OF_PACKAGE = "last-cpu-of-package";
    public static final String KVM_RELOAD = "kvm-reload";

    private static final List<Scenario> SCENARIOS = List.of(
            new EnableScenario(LATE_CPU_ONLINE,
                    "module load, cpu1 going up and down, one VM: 2 CPUs, 1 package, only the boot CPU online at load",
                    params(2, 1, 1, true, false)),
            new EnableScenario(LAST_CPU_OF_PACKAGE,
                    "3 CPUs in 2 packages, all online at load; cpu2, alone in package 1, goes down while a TD holds its HKID",
                    params(3, 2, 3, true, false)),
            new EnableScenario(KVM_RELOAD,
                    "as late-cpu-online, with KVM unloaded and loaded again while cpu1 comes and goes",
                    params(2, 1, 1, true, true)));

    /** Builds a target for an order instance (tests pass their own orders here). */
    public static CheckTarget build(Params p, EnableOrder order) {
        Topology t = new Topology(p.intValue(CPUS.name()), p.intValue(PACKAGES.name()),
                p.intValue(START_ONLINE.name()));
        EnableModel m = new EnableModel(t, order, p.boolValue(VM.name()), p.boolValue(UNLOAD.name()));
        List<Property> props = EnableProperties.all(m);
        return new CheckTarget(m, props);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public String description() {
        return "seed 002: TDX enable against VMXON, CPU hotplug and kvm_usage_count (four enable orders)";
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
        return List.of(ORDER);
    }

    @Override
    public List<Preset> presets() {
        return Preset.perValue(ORDER);
    }

    @Override
    public String defaultPreset() {
        return "v6.16";
    }

    @Override
    public List<Described> properties() {
        CheckTarget t = build(SCENARIOS.get(0).defaults(), Orders.byId(defaultPreset()));
        return t.properties().stream().map(p -> new Described(p.id(), p.description())).toList();
    }
}
