package tdxcheck.app.bench;

import java.util.List;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.liveness.Fairness;

/**
 * One fixed benchmark run: a scenario with parameters under a policy preset, the properties to
 * check (empty: every property, liveness included, as {@code verify} runs them), the thread count
 * (null: the bench's {@code --threads}) and whether to also count the states without symmetry.
 *
 * @param group            what the run measures: {@code default-suite}, {@code fault-storm},
 *                         {@code liveness} or {@code threads}
 * @param scenario         scenario id
 * @param params           scenario parameters
 * @param preset           retry policy preset id
 * @param properties       property ids to check; empty means all
 * @param threads          pinned thread count, or null for the bench default
 * @param compareSymmetry  also explore once with symmetry off and report that state count
 * @param fairness         the fairness of no-busy-livelock (weak for the runs measured before hw
 *                         existed; the hw runs of the liveness group measure its cost)
 * @param por              partial-order reduction of the safety search ({@code verify --por})
 */
public record BenchCase(String group, String scenario, Params params, String preset,
                        List<String> properties, Integer threads, boolean compareSymmetry, Fairness fairness,
                        boolean por) {
    public BenchCase {
        properties = List.copyOf(properties);
    }

    /** A run under weak fairness, as every run measured before fairness hw existed. */
    public BenchCase(String group, String scenario, Params params, String preset, List<String> properties,
                     Integer threads, boolean compareSymmetry) {
        this(group, scenario, params, preset, properties, threads, compareSymmetry, Fairness.WEAK, false);
    }

    /** The same run counted under another group. */
    public BenchCase withGroup(String g) {
        return new BenchCase(g, scenario, params, preset, properties, threads, compareSymmetry, fairness, por);
    }

    /** The same run under another fairness for no-busy-livelock. */
    public BenchCase withFairness(Fairness f) {
        return new BenchCase(group, scenario, params, preset, properties, threads, compareSymmetry, f, por);
    }

    /** The same run with partial-order reduction. */
    public BenchCase withPor() {
        return new BenchCase(group, scenario, params, preset, properties, threads, compareSymmetry, fairness, true);
    }

    /** A short label, e.g. {@code fault-storm 4x3 upstream safety t2}. */
    public String label() {
        StringBuilder sb = new StringBuilder(scenario).append(' ').append(params.intValue("vcpus")).append('x')
                .append(params.intValue("gpas")).append(' ').append(preset);
        if (properties.equals(BenchSuite.SAFETY)) {
            sb.append(" safety");
        } else if (properties.isEmpty()) {
            sb.append(" all");
        } else {
            sb.append(' ').append(String.join(",", properties));
        }
        if (threads != null) {
            sb.append(" t").append(threads);
        }
        if (fairness != Fairness.WEAK) {
            sb.append(' ').append(fairness.id());
        }
        if (por) {
            sb.append(" por");
        }
        return sb.toString();
    }
}
