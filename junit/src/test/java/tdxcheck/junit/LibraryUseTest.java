package tdxcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.model.tdx.Outcome;
import tdxcheck.model.tdx.Seamcall;
import tdxcheck.model.tdx.policy.FaultRetryPolicy;
import tdxcheck.model.tdx.policy.RetryCause;
import tdxcheck.model.tdx.policy.ZapBusyAction;
import tdxcheck.model.tdx.policy.ZapRetryPolicy;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;
import tdxcheck.reports.result.Verdict;

/** What a user's own project needs: bounds, reports, and a clear failure for a policy with state. */
class LibraryUseTest {
    /** Kicks on the first two BUSYs it sees, then calls it a bug: a counter outside the model. */
    static final class CountingKick implements ZapRetryPolicy {
        private int busy;

        @Override
        public String id() {
            return "counting-kick";
        }

        @Override
        public String description() {
            return "kick on the first two BUSYs, then KVM_BUG_ON";
        }

        @Override
        public ZapBusyAction onError(Seamcall call, Outcome status, boolean retried) {
            busy++;
            return busy <= 2 ? ZapBusyAction.KICK_THEN_RETRY : ZapBusyAction.BUG;
        }
    }

    /** Retries locally every other time it is asked. */
    static final class Alternating implements FaultRetryPolicy {
        private boolean flip;

        @Override
        public String id() {
            return "alternating";
        }

        @Override
        public String description() {
            return "retry locally every other time";
        }

        @Override
        public boolean retryLocally(RetryCause cause) {
            flip = !flip;
            return flip;
        }
    }

    @Test
    void aZapPolicyWithACounterFailsWithAMessageAboutThePolicy() {
        StatefulPolicyException e = assertThrows(StatefulPolicyException.class,
                () -> TdxCheck.scenario("zap-vs-zero-step").faultRetry("local-retry").zapRetry(new CountingKick()).check());
        assertTrue(e.getMessage().startsWith("policy 'counting-kick' (" + CountingKick.class.getName() + ") is not"
                + " stateless: it answered onError("), e.getMessage());
        assertTrue(e.getMessage().contains(" with KICK_THEN_RETRY and later with BUG."), e.getMessage());
        assertTrue(e.getMessage().contains("belongs in the model state"), e.getMessage());
    }

    @Test
    void aFaultPolicyWithAFlagFailsTheSameWay() {
        StatefulPolicyException e = assertThrows(StatefulPolicyException.class,
                () -> TdxCheck.scenario("frozen-spte-race").faultRetry(new Alternating()).check());
        assertTrue(e.getMessage().matches("policy 'alternating' \\(.*Alternating\\) is not stateless: it answered"
                + " retryLocally\\([A-Z_]+\\) with (true|false) and later with (true|false)\\..*"), e.getMessage());
    }

    @Test
    void depthAndTimeBoundsGiveInconclusive() {
        CheckResult shallow = TdxCheck.scenario("fault-storm").properties("no-kvm-bug", "no-deadlock").maxDepth(3).check();
        shallow.assertInconclusive("no-kvm-bug", "no-deadlock");
        assertTrue(shallow.reason("no-kvm-bug").contains("max-depth 3"), shallow.reason("no-kvm-bug"));
        CheckResult quick = TdxCheck.scenario("fault-storm").vcpus(4).gpas(3).properties("no-kvm-bug")
                .timeLimit(Duration.ofMillis(1)).check();
        assertEquals(Verdict.INCONCLUSIVE, quick.verdict("no-kvm-bug"));
        assertThrows(IllegalArgumentException.class, () -> TdxCheck.scenario("fault-storm").timeLimit(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> TdxCheck.scenario("fault-storm").maxDepth(0));
    }

    @Test
    void reportsToWritesWhatVerifyOutWritesAndJunitXml(@TempDir Path dir) throws Exception {
        CheckResult r = TdxCheck.scenario("accept-vs-remove").reportsTo(dir).check();
        for (String f : new String[] {"result.json", "summary.md", "report.html", "junit.xml",
            "traces/accept-vs-remove__upstream__no-guest-busy.txt"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f + " in " + dir);
        }
        Result doc = ResultJson.read(dir.resolve("result.json"));
        assertEquals(Verdict.VIOLATED, doc.runs().get(0).result("no-guest-busy").verdict());
        assertTrue(doc.tool().model().startsWith("tdx:sha256:"), doc.tool().model());
        assertEquals(r.trace("no-guest-busy"),
                Files.readString(dir.resolve("traces/accept-vs-remove__upstream__no-guest-busy.txt")));
    }
}
