package tdxcheck.model.tdx;

import java.util.ArrayList;
import java.util.List;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.model.tdx.policy.RetryPolicy;

/** Every default scenario under every policy preset, with the default parameters (no pending events), for sweep tests. */
final class DefaultRuns {
    record Run(String name, TdxModel model) {
        /** Its reachable concrete states (no symmetry), computed once per test JVM. */
        List<long[]> states() {
            return REACHABLE.computeIfAbsent(name, k -> ReferenceBfs.reachable(model));
        }
    }

    private static final java.util.Map<String, List<long[]>> REACHABLE = new java.util.concurrent.ConcurrentHashMap<>();

    private DefaultRuns() {
    }

    static List<Run> all() {
        List<Run> runs = new ArrayList<>();
        for (TdxScenarios.Info i : TdxScenarios.ALL) {
            for (RetryPolicy p : Policies.presets()) {
                for (boolean pending : new boolean[] {false}) {
                    TdxConfig c = TdxScenarios.build(i.id(), i.vcpus(), i.gpas(), TdxScenarios.DEFAULT_THRESHOLD,
                            pending, p.fault(), p.zap());
                    runs.add(new Run(i.id() + "/" + p.id() + (pending ? "/pending" : ""), new TdxModel(c)));
                }
            }
        }
        return runs;
    }
}
