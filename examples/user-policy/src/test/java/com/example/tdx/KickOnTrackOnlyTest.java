package com.example.tdx;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tdxcheck.junit.TdxCheck;

/** Where the belief behind KickOnTrackOnly holds and where tdxcheck finds it wrong. */
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
    void aZeroStepVcpuMakesRangeBlockBusySoThePolicyBugs() {
        // no-busy-livelock fails for another reason too: vcpu0's recorded page is PENDING after the
        // AUG, and the zero-step walk faults on PENDING until the guest accepts it, which it cannot.
        // reportsTo: the reports `tdxcheck verify --out` writes, plus junit.xml, before the assertions
        check("zap-vs-zero-step").reportsTo(Path.of("target", "tdxcheck", "zap-vs-zero-step")).check()
                .assertViolated("no-kvm-bug", "no-busy-livelock")
                .assertHolds("no-zero-step");
    }

    @Test
    void aGuestAcceptingThePageMakesRangeBlockBusyToo() {
        check("accept-vs-remove").maxStates(1_000_000).check().assertViolated("no-kvm-bug", "no-guest-busy");
    }
}
