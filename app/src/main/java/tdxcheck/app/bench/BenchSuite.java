package tdxcheck.app.bench;

import java.util.ArrayList;
import java.util.List;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.model.tdx.TdxScenarios;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.tdx.TdxCatalog;

/**
 * The fixed runs of {@code tdxcheck bench}. Changing this list changes what the figures mean:
 * keep it stable, and add runs rather than edit them.
 *
 * <ul>
 *   <li>{@code default-suite}: the five scenarios under the upstream preset with their default
 *   parameters and every property, liveness included: what a bare {@code verify} runs;</li>
 *   <li>{@code fault-storm}: the scaling scenario at 2, 3 and 4 vCPUs times 2 and 3 GPAs (the
 *   zap of gpa0 included) with the safety properties, each also counted without symmetry;</li>
 *   <li>{@code liveness}: no-busy-livelock where it is violated (zap-vs-running under mmu-part2,
 *   a lasso is built and replayed) and where it holds on bigger graphs (fault-storm 3x2 and
 *   4x3 with every property);</li>
 *   <li>{@code threads}: the largest safety run on one and on two threads, for the speed-up;</li>
 *   <li>{@code scale} (only with {@code --group scale}: minutes, and gigabytes of heap):
 *   fault-storm 4x3 under every preset, safety properties and then every property, for the
 *   memory per state of big runs (mmu-part2's safety run alone is about 10^8 states).</li>
 *   <li>{@code por} (only with {@code --group por}): fault-storm 4x3 under every preset, safety
 *   properties on one thread (the reduction runs on one), without and with partial-order
 *   reduction, for what {@code --por} saves.</li>
 * </ul>
 */
public final class BenchSuite {
    /** The safety properties of the TDX catalog (everything but no-busy-livelock). */
    public static final List<String> SAFETY = List.of("no-zero-step", "no-deadlock", "no-kvm-bug", "no-guest-busy",
            "lock-safety");

    private BenchSuite() {
    }

    private static final TdxCatalog TDX = new TdxCatalog();

    /** fault-storm's parameters with {@code vcpus} x {@code gpas}. */
    private static Params params(int vcpus, int gpas) {
        return defaults(TdxScenarios.FAULT_STORM).with("vcpus", vcpus).with("gpas", gpas);
    }

    private static Params defaults(String scenario) {
        return TDX.scenario(scenario).defaults();
    }

    /** Every run, in order. */
    public static List<BenchCase> full() {
        List<BenchCase> l = new ArrayList<>(defaultSuite());
        for (int gpas = 2; gpas <= 3; gpas++) {
            for (int vcpus = 2; vcpus <= 4; vcpus++) {
                l.add(faultStorm(vcpus, gpas, null, true));
            }
        }
        l.add(new BenchCase("liveness", TdxScenarios.ZAP_VS_RUNNING, defaults(TdxScenarios.ZAP_VS_RUNNING),
                Policies.MMU_PART2, List.of("no-busy-livelock"), null, false));
        l.add(new BenchCase("liveness", TdxScenarios.FAULT_STORM, params(3, 2), Policies.UPSTREAM, List.of(), null,
                false));
        l.add(new BenchCase("liveness", TdxScenarios.FAULT_STORM, params(4, 3), Policies.UPSTREAM, List.of(), null,
                false));
        // the cost of fairness hw (the verify default) against weak on the same runs
        l.add(new BenchCase("liveness", TdxScenarios.FAULT_STORM, params(3, 2), Policies.UPSTREAM, List.of(), null,
                false).withFairness(Fairness.HW));
        l.add(new BenchCase("liveness", TdxScenarios.FAULT_STORM, params(4, 3), Policies.UPSTREAM, List.of(), null,
                false).withFairness(Fairness.HW));
        l.add(faultStorm(4, 3, 1, false).withGroup("threads"));
        l.add(faultStorm(4, 3, 2, false).withGroup("threads"));
        return l;
    }

    /** The {@code scale} group: fault-storm 4x3 under every preset, safety and then every property. */
    public static List<BenchCase> scale() {
        List<BenchCase> l = new ArrayList<>();
        for (String preset : List.of(Policies.UPSTREAM, Policies.SEP2024, Policies.MMU_PART2)) {
            l.add(new BenchCase("scale", TdxScenarios.FAULT_STORM, params(4, 3), preset, SAFETY, null, false));
            l.add(new BenchCase("scale", TdxScenarios.FAULT_STORM, params(4, 3), preset, List.of(), null, false));
        }
        return l;
    }

    /** The {@code por} group: fault-storm 4x3 safety under every preset, one thread, without and with --por. */
    public static List<BenchCase> por() {
        List<BenchCase> l = new ArrayList<>();
        for (String preset : List.of(Policies.UPSTREAM, Policies.SEP2024, Policies.MMU_PART2)) {
            BenchCase c = new BenchCase("por", TdxScenarios.FAULT_STORM, params(4, 3), preset, SAFETY, 1, false);
            l.add(c);
            l.add(c.withPor());
        }
        return l;
    }

    /** The runs of the named groups, in the order of {@link #full()}, {@link #scale()}, {@link #por()}. */
    public static List<BenchCase> groups(List<String> names) {
        List<BenchCase> l = new ArrayList<>();
        for (BenchCase c : full()) {
            if (names.contains(c.group())) {
                l.add(c);
            }
        }
        if (names.contains("scale")) {
            l.addAll(scale());
        }
        if (names.contains("por")) {
            l.addAll(por());
        }
        return l;
    }

    /** The group names {@code --group} takes. */
    public static final List<String> GROUPS = List.of("default-suite", "fault-storm", "liveness", "threads", "scale",
            "por");

    /** The smoke subset of {@code --quick}: small runs of every group. */
    public static List<BenchCase> quick() {
        List<BenchCase> l = new ArrayList<>(defaultSuite());
        l.add(faultStorm(2, 2, null, true));
        l.add(faultStorm(3, 2, null, true));
        l.add(new BenchCase("liveness", TdxScenarios.ZAP_VS_RUNNING, defaults(TdxScenarios.ZAP_VS_RUNNING),
                Policies.MMU_PART2, List.of("no-busy-livelock"), null, false));
        l.add(faultStorm(3, 3, 1, false).withGroup("threads"));
        l.add(faultStorm(3, 3, 2, false).withGroup("threads"));
        return l;
    }

    private static List<BenchCase> defaultSuite() {
        List<BenchCase> l = new ArrayList<>();
        for (TdxScenarios.Info i : TdxScenarios.ALL) {
            l.add(new BenchCase("default-suite", i.id(), defaults(i.id()), Policies.UPSTREAM, List.of(),
                    null, false));
        }
        return l;
    }

    private static BenchCase faultStorm(int vcpus, int gpas, Integer threads, boolean compare) {
        return new BenchCase("fault-storm", TdxScenarios.FAULT_STORM, params(vcpus, gpas), Policies.UPSTREAM, SAFETY,
                threads, compare);
    }
}
