package tdxcheck.model.tdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import tdxcheck.model.tdx.policy.Policies;

/** Guest-visible BUSY (tdx-facts §8.2): the guest never receives BUSY_HOST_PRIORITY. */
class HostPriorityTest {
    private static TdxModel doubleAccept(String zap) {
        TdxOptions o = TdxScenarios.info(TdxScenarios.DOUBLE_ACCEPT).defaults();
        return new TdxModel(TdxScenarios.build(TdxScenarios.DOUBLE_ACCEPT, o, Policies.fault("local-retry-slot-break"),
                Policies.zap(zap)));
    }

    @Test
    void aHostThatLostToOneAcceptMakesTheNextAcceptBusyRewrittenFromHostPriority() {
        TdxModel m = doubleAccept("retry-once-then-kick");
        ReferenceBfs.Found f = ReferenceBfs.run(m,
                (a, x, b) -> m.outcomeOf(a, x) == Outcome.BUSY_RCX_HOST_PRIORITY_REWRITTEN).found();
        assertNotNull(f, "the host-priority path is exercised");
        long[] before = f.states().get(f.actions().size() - 1);
        assertEquals(true, TdxWords.hostPriority(before, 0), "HP was set by a host SEAMCALL that lost the entry lock");
        assertEquals(0x8000020000000001L, Outcome.BUSY_RCX_HOST_PRIORITY_REWRITTEN.code(), "BUSY|RCX, operand kept");
        assertNull(ReferenceBfs.run(m, (a, x, b) -> m.outcomeOf(a, x) == Outcome.BUSY_HOST_PRIORITY_RCX).found(),
                "no guest ever receives TDX_OPERAND_BUSY_HOST_PRIORITY");
    }

    @Test
    void kickBeforeBlockKeepsBothAcceptsAwayFromTheZap() {
        TdxModel m = doubleAccept("kick-before-block");
        assertNull(ReferenceBfs.run(m, (a, x, b) -> m.outcomeOf(a, x) == Outcome.BUSY_RCX_HOST_PRIORITY_REWRITTEN)
                .found());
    }
}
