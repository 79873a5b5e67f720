package tdxcheck.properties.tdx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tdxcheck.model.tdx.GuestKind;
import tdxcheck.model.tdx.TdxConfig;
import tdxcheck.model.tdx.TdxModel;
import tdxcheck.model.tdx.TdxScenarios;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.model.tdx.policy.RetryPolicy;

/** Model states for property tests: hand-built ones and every reachable state of the default runs. */
final class States {
    private States() {
    }

    /** fault-storm with 2 vCPUs, 2 GPAs, zap of gpa0, upstream policies. */
    static TdxModel faultStorm() {
        return new TdxModel(TdxScenarios.build(TdxScenarios.FAULT_STORM, // the #VE storm: its zap takes gpa0
                TdxScenarios.info(TdxScenarios.FAULT_STORM).defaults().withGuest(GuestKind.VE).withThreshold(6), Policies.fault("local-retry"),
                Policies.zap("retry-once-then-kick")));
    }

    static long[] initial(TdxModel m) {
        long[] s = new long[m.stateWords()];
        m.initialState(0, s);
        return s;
    }

    /** Every default scenario under every preset, with the default parameters (no pending events). */
    static List<TdxModel> defaultRuns() {
        List<TdxModel> l = new ArrayList<>();
        for (TdxScenarios.Info i : TdxScenarios.ALL) {
            for (RetryPolicy p : Policies.presets()) {
                for (boolean pending : new boolean[] {false}) {
                    TdxConfig c = TdxScenarios.build(i.id(), i.vcpus(), i.gpas(), TdxScenarios.DEFAULT_THRESHOLD,
                            pending, p.fault(), p.zap());
                    l.add(new TdxModel(c));
                }
            }
        }
        return l;
    }

    /** Every reachable concrete state of {@code m} (no symmetry), breadth first. */
    static List<long[]> reachable(TdxModel m) {
        Set<List<Long>> seen = new HashSet<>();
        List<long[]> order = new ArrayList<>();
        long[] init = initial(m);
        seen.add(key(init));
        order.add(init);
        int[] acts = new int[m.maxEnabled()];
        for (int i = 0; i < order.size(); i++) {
            long[] s = order.get(i);
            int n = m.enabledActions(s, acts);
            for (int k = 0; k < n; k++) {
                long[] t = new long[s.length];
                m.next(s, acts[k], t);
                if (seen.add(key(t))) {
                    order.add(t);
                }
            }
        }
        return order;
    }

    private static List<Long> key(long[] s) {
        List<Long> l = new ArrayList<>(s.length);
        for (long w : s) {
            l.add(w);
        }
        return l;
    }
}
