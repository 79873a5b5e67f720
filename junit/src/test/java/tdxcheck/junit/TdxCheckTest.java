package tdxcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;
import tdxcheck.core.spi.ModelException;
import tdxcheck.model.tdx.policy.FaultRetryPolicy;
import tdxcheck.model.tdx.policy.RetryCause;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Verdict;

/** The fluent API: verdicts, assertions, messages with traces, parameters. */
class TdxCheckTest {
    /** A fault policy that only retries SEAMCALL BUSY locally: a frozen SPTE resumes the guest. */
    static final class BusyOnlyLocally implements FaultRetryPolicy {
        @Override
        public String id() {
            return "busy-only-locally";
        }

        @Override
        public String description() {
            return "retry SEAMCALL BUSY in KVM, resume the guest on a frozen SPTE";
        }

        @Override
        public boolean retryLocally(RetryCause cause) {
            return cause == RetryCause.SEAMCALL_BUSY;
        }
    }

    @Test
    void presetsGiveTheBaselineVerdicts() {
        CheckResult r = TdxCheck.scenario("frozen-spte-race").policy("mmu-part2").check()
                .assertViolated("no-zero-step", "no-busy-livelock")
                .assertHolds("no-kvm-bug", "no-deadlock", "no-guest-busy", "lock-safety");
        assertEquals("mmu-part2", r.run().policy().preset());
        assertEquals(1185, r.distinctStates());
        assertEquals("SAFETY, 31 steps: guest1 access gpa0 -> EXIT_REASON_EPT_VIOLATION", r.reason("no-zero-step"));
        assertEquals("exhaustive, 1185 states", r.reason("no-kvm-bug"));
        TdxCheck.scenario("frozen-spte-race").check().assertAllHold();
    }

    @Test
    void aUserFaultPolicyIsCheckedAndNamedByItsId() {
        CheckResult r = TdxCheck.scenario("frozen-spte-race").faultRetry(new BusyOnlyLocally())
                .zapRetry("retry-once-then-kick").vcpus(2).pendingEvents(false).check();
        r.assertViolated("no-zero-step");
        assertNull(r.run().policy().preset());
        assertEquals("busy-only-locally+retry-once-then-kick+classified", r.run().policy().label());
    }

    @Test
    void aWrongExpectationFailsWithTheNumberedTrace() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> TdxCheck.scenario("frozen-spte-race").policy("mmu-part2").check().assertHolds("no-zero-step"));
        String m = e.getMessage();
        assertTrue(m.startsWith("frozen-spte-race [mmu-part2] (vcpus=2, gpas=1, threshold=6, pendingEvents=false, guest=ve,"
                + " zapKind=punch-hole, zaps=1, presentSpte=spurious, vpEnterErrors=none, errorR9Nmi=true):"
                + " expected no-zero-step HOLDS, but it is VIOLATED: SAFETY, 31 steps: guest1 access gpa0 ->"
                + " EXIT_REASON_EPT_VIOLATION\n\ntdxcheck counterexample: no-zero-step VIOLATED\n"), m);
        assertTrue(m.contains("\n  31. guest1  access gpa0"), m);
        assertTrue(m.contains("vcpu1.zero_step=ZERO-STEP [gpa0]"), m);
        assertEquals(Verdict.HOLDS, e.getExpected().getValue());
        assertEquals(Verdict.VIOLATED, e.getActual().getValue());
    }

    @Test
    void aLassoTraceSaysWhereTheCycleReturns() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> TdxCheck.scenario("zap-vs-running").policy("mmu-part2")
                        .fairness(tdxcheck.core.liveness.Fairness.WEAK).check().assertHolds("no-busy-livelock"));
        assertTrue(e.getMessage().contains(": LIVENESS, 10 steps, cycle 4-10: zap(gpa0) never completes\n"),
                e.getMessage());
        assertTrue(e.getMessage().contains("  -> cycle 4-10 repeats: after step 10 the state is the one after step 3"), e.getMessage());
    }

    @Test
    void expectingAViolationThatDoesNotHappenSaysItHolds() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> TdxCheck.scenario("frozen-spte-race").check().assertViolated("no-kvm-bug"));
        assertEquals("frozen-spte-race [upstream] (vcpus=2, gpas=1, threshold=6, pendingEvents=false, guest=ve,"
                + " zapKind=punch-hole, zaps=1, presentSpte=spurious, vpEnterErrors=none, errorR9Nmi=true): expected"
                + " no-kvm-bug VIOLATED, but it is HOLDS: exhaustive, 82 states", e.getMessage());
    }

    @Test
    void severalFailuresAreReportedTogether() {
        MultipleFailuresError e = assertThrows(MultipleFailuresError.class,
                () -> TdxCheck.scenario("frozen-spte-race").policy("mmu-part2").check().assertAllHold());
        assertEquals(2, e.getFailures().size());
        assertTrue(e.getMessage().contains("expected no-zero-step HOLDS"), e.getMessage());
        assertTrue(e.getMessage().contains("expected no-busy-livelock HOLDS"), e.getMessage());
    }

    @Test
    void pendingEventsAndThresholdReachTheModel() {
        CheckResult r = TdxCheck.scenario("frozen-spte-race").policy("upstream").pendingEvents(true).threshold(6)
                .properties("no-zero-step").check().assertViolated("no-zero-step");
        assertEquals(List.of("no-zero-step"), r.run().results().stream().map(PropertyResult::property).toList());
        assertEquals(true, r.run().params().get("pendingEvents"));
        CheckResult high = TdxCheck.scenario("frozen-spte-race").policy("mmu-part2").threshold(15)
                .properties("no-zero-step").check().assertViolated("no-zero-step");
        assertEquals(15, high.run().params().get("threshold"));
        assertTrue(high.run().result("no-zero-step").counterexample().steps().size() > 31, "more exits to count");
        assertTrue(TdxCheck.scenario("frozen-spte-race").policy("mmu-part2").vcpus(3).properties("no-kvm-bug")
                .check().distinctStates() > 1185);
    }

    @Test
    void aBoundGivesInconclusive() {
        CheckResult r = TdxCheck.scenario("fault-storm").maxStates(10).properties("no-kvm-bug").check()
                .assertInconclusive("no-kvm-bug");
        assertTrue(r.reason("no-kvm-bug").startsWith("bound hit: max-states 10"), r.reason("no-kvm-bug"));
        assertEquals("", r.trace("no-kvm-bug"));
    }

    @Test
    void misuseIsReportedPlainly() {
        assertThrows(ModelException.class, () -> TdxCheck.scenario("nope"));
        assertThrows(ModelException.class, () -> TdxCheck.scenario("frozen-spte-race").policy("nope"));
        assertThrows(ModelException.class, () -> TdxCheck.scenario("frozen-spte-race").vcpus(0).check());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TdxCheck.scenario("frozen-spte-race").properties("no-zero-stp").check());
        assertTrue(e.getMessage().startsWith("unknown property 'no-zero-stp' (known: no-zero-step,"), e.getMessage());
        CheckResult r = TdxCheck.scenario("frozen-spte-race").properties("no-kvm-bug").check();
        e = assertThrows(IllegalArgumentException.class, () -> r.assertHolds("no-zero-step"));
        assertEquals("property 'no-zero-step' was not checked (checked: no-kvm-bug)", e.getMessage());
    }
}
