package tdxcheck.junit.example;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import tdxcheck.junit.TdxCheck;

/**
 * The worked example of docs/user-policy.md: a user's zap policy checked with the JUnit 5 API.
 * Where the author's assumption ("only TRACK can be BUSY") holds, the checks pass; where it does
 * not, tdxcheck finds the KVM_BUG_ON and the failure shows the trace.
 */
class KickOnTrackOnlyTest {
    private static TdxCheck check(String scenario) {
        return TdxCheck.scenario(scenario).faultRetry("local-retry").zapRetry(new KickOnTrackOnly());
    }

    @Test
    void withVcpusOnlyEnteringAndExitingOnlyTrackContendsSoTheKickedRetrySuffices() {
        check("zap-vs-running").vcpus(2).check()
                .assertHolds("no-kvm-bug", "no-busy-livelock", "no-deadlock", "lock-safety");
    }

    @Test
    void theLinuxStormZapsAReleasedPageSoOnlyTrackContends() {
        // the Linux guest's storm zaps a page it released (MapGPA, tdx-facts §6b.9): no ACCEPT meets the
        // zap's entry lock, BLOCK never meets a zero-step VP.ENTER, so the author's assumption holds here
        check("fault-storm").check().assertHolds("no-kvm-bug", "no-guest-busy");
    }

    @Test
    void aZeroStepVcpuMakesRangeBlockBusySoThePolicyBugs() {
        // no-busy-livelock fails for another reason: vcpu0's recorded page is PENDING after the AUG,
        // and the zero-step walk faults on PENDING until the guest accepts it, which it cannot (§6c.5)
        check("zap-vs-zero-step").check()
                .assertViolated("no-kvm-bug", "no-busy-livelock")
                .assertHolds("no-zero-step");
    }

    @Test
    void aGuestAcceptingThePageMakesRangeBlockBusyToo() {
        check("accept-vs-remove").check().assertViolated("no-kvm-bug", "no-guest-busy");
    }

    /** What the author sees if they believe the policy is safe: the failing step, as a numbered trace. */
    @Test
    void theWrongBeliefFailsWithAReadableTrace() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> check("zap-vs-zero-step").check().assertHolds("no-kvm-bug"));
        String m = e.getMessage();
        assertTrue(m.startsWith("zap-vs-zero-step [local-retry+kick-on-track-only+classified] (vcpus=2, gpas=3, threshold=6,"
                + " pendingEvents=false, guest=linux, zapKind=punch-hole, zaps=1, presentSpte=spurious, vpEnterErrors=none, errorR9Nmi=true): expected no-kvm-bug HOLDS, but it is VIOLATED: SAFETY, 3 steps: zap"
                + " TDH.MEM.RANGE.BLOCK gpa2 [acquire] -> TDX_OPERAND_BUSY|SEPT_TREE => KVM_BUG_ON\n"), m);
        assertTrue(m.contains("\ntdxcheck counterexample: no-kvm-bug VIOLATED\n"), m);
        assertTrue(m.contains("\n   0. initial state\n"), m);
        assertTrue(m.contains("\n   1. vcpu0  TDH.VP.ENTER [acquire]"), m);
        // 80 columns: the outcome goes on its own line under the action
        assertTrue(m.contains("\n   3. zap    TDH.MEM.RANGE.BLOCK gpa2 [acquire]\n"
                + "             -> TDX_OPERAND_BUSY|SEPT_TREE => KVM_BUG_ON\n"), m);
        assertTrue(m.lines().allMatch(l -> l.length() <= 80 || l.startsWith("zap-vs-zero-step [")), m);
        assertTrue(m.contains("locks: "), "lock owners after each step: " + m);
        assertTrue(m.contains("  -> violated after step 3"), m);
    }
}
