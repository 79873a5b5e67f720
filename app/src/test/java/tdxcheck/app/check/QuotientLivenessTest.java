package tdxcheck.app.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.spi.Model;
import tdxcheck.model.tdx.TdxConfig;
import tdxcheck.model.tdx.TdxModel;
import tdxcheck.model.tdx.TdxScenarios;
import tdxcheck.model.tdx.policy.FaultRetryPolicy;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.model.tdx.policy.ZapRetryPolicy;
import tdxcheck.core.property.LivenessProperty;
import tdxcheck.properties.tdx.NoBusyLivelock;

/**
 * Liveness on the symmetry quotient decides exactly what liveness on the concrete graph decides,
 * operation by operation, and its lassos are real, closed, fair cycles of the model that keep
 * their operation pending.
 */
class QuotientLivenessTest {

    private static void compare(Model m, LivenessProperty live, Fairness f) {
        LivenessRuns.Outcome plain = LivenessRuns.check(m, live, f, false);
        LivenessRuns.Outcome quotient = LivenessRuns.check(m, live, f, true);
        assertFalse(plain.symmetry());
        assertEquals(m.hasSymmetry(), quotient.symmetry(), "quotient liveness runs with symmetry");
        assertEquals(plain.result().violatedMask(), quotient.result().violatedMask(),
                m.name() + " " + f.id() + ": violated operations with and without symmetry");
        LivenessRuns.validateLassos(m, live, f, plain);
        int q = LivenessRuns.validateLassos(m, live, f, quotient);
        if (!quotient.result().holds()) {
            assertTrue(q > 0, "a violated orbit has a lasso");
            assertTrue(quotient.result().counterexample().isPresent());
        }
    }

    @Test
    void spinLockStarvesUnderWeakNotUnderStrongFairness() {
        for (int k = 2; k <= 4; k++) {
            SymmetricSpinLock m = new SymmetricSpinLock(k, false);
            LivenessProperty live = m.acquires(true);
            LivenessRuns.Outcome weak = LivenessRuns.check(m, live, Fairness.WEAK, true);
            assertTrue(weak.symmetry());
            assertEquals((1 << k) - 1, weak.result().violatedMask(), "every process can starve (weak)");
            LivenessRuns.Outcome strong = LivenessRuns.check(m, live, Fairness.STRONG, true);
            assertTrue(strong.result().holds(), "no process starves under strong fairness");
            for (Fairness f : Fairness.values()) {
                compare(m, live, f);
                compare(new SymmetricSpinLock(k, true), new SymmetricSpinLock(k, true).acquires(true), f);
            }
        }
    }

    @Test
    void quotientGraphIsSmaller() {
        SymmetricSpinLock m = new SymmetricSpinLock(4, false);
        LivenessRuns.Outcome plain = LivenessRuns.check(m, m.acquires(true), Fairness.WEAK, false);
        LivenessRuns.Outcome quotient = LivenessRuns.check(m, m.acquires(true), Fairness.WEAK, true);
        assertEquals(48, plain.states()); // at most one holder: 2^4 + 4 * 2^3
        assertEquals(9, quotient.states()); // no holder: 0..4 trying; one holder: 0..3 others trying
    }

    @Test
    void aPropertyThatCannotRenameItsOperationsKeepsTheConcreteGraph() {
        SymmetricSpinLock m = new SymmetricSpinLock(3, false);
        LivenessRuns.Outcome o = LivenessRuns.check(m, m.acquires(false), Fairness.WEAK, true);
        assertFalse(o.symmetry());
        assertEquals(20, o.states()); // 2^3 + 3 * 2^2
    }

    static Stream<Arguments> tdxDefaults() {
        List<Arguments> l = new ArrayList<>();
        for (TdxScenarios.Info i : TdxScenarios.ALL) {
            for (FaultRetryPolicy fr : Policies.faultPolicies()) {
                for (ZapRetryPolicy zr : Policies.zapPolicies()) {
                    l.add(Arguments.of(i.id(), i.vcpus(), i.gpas(), fr.id(), zr.id()));
                }
            }
        }
        return l.stream();
    }

    /** Every scenario x fault x zap at default parameters, weak and strong fairness. */
    @ParameterizedTest(name = "{0} {1}x{2} {3}+{4}")
    @MethodSource("tdxDefaults")
    void tdxScenariosAgreeWithAndWithoutSymmetry(String scenario, int vcpus, int gpas, String fault, String zap) {
        TdxConfig c = TdxScenarios.build(scenario, vcpus, gpas, TdxScenarios.DEFAULT_THRESHOLD, false,
                Policies.fault(fault), Policies.zap(zap));
        TdxModel m = new TdxModel(c);
        for (Fairness f : new Fairness[] {Fairness.WEAK, Fairness.STRONG, Fairness.HW}) {
            compare(m, new NoBusyLivelock(c), f);
        }
    }

    static Stream<Arguments> tdxThreeVcpus() {
        List<Arguments> l = new ArrayList<>();
        for (String s : List.of(TdxScenarios.FROZEN_SPTE_RACE, TdxScenarios.ZAP_VS_RUNNING, TdxScenarios.ZAP_VS_ZERO_STEP,
                TdxScenarios.ACCEPT_VS_REMOVE, TdxScenarios.FAULT_STORM)) {
            for (FaultRetryPolicy fr : Policies.faultPolicies()) {
                for (ZapRetryPolicy zr : Policies.zapPolicies()) {
                    for (boolean pending : new boolean[] {false, true}) {
                        l.add(Arguments.of(s, fr.id(), zr.id(), pending));
                    }
                }
            }
        }
        return l.stream();
    }

    /**
     * Three vCPUs (symmetry group S3 or S2), with and without pending events, every fairness
     * (only weak for fault-storm with pending events: 5.5 million concrete states per run).
     */
    @Tag("heavy")
    @ParameterizedTest(name = "{0} 3 vcpus {1}+{2} pending={3}")
    @MethodSource("tdxThreeVcpus")
    void tdxScenariosWithThreeVcpusAgree(String scenario, String fault, String zap, boolean pending) {
        TdxScenarios.Info info = TdxScenarios.info(scenario);
        TdxConfig c = TdxScenarios.build(scenario, 3, info.gpas(), TdxScenarios.DEFAULT_THRESHOLD, pending,
                Policies.fault(fault), Policies.zap(zap));
        TdxModel m = new TdxModel(c);
        boolean big = pending && scenario.equals(TdxScenarios.FAULT_STORM);
        for (Fairness f : big ? new Fairness[] {Fairness.WEAK} : Fairness.values()) {
            compare(m, new NoBusyLivelock(c), f);
        }
    }
}
