package tdxcheck.dpamt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.engine.Verdict;
import tdxcheck.core.spi.ModelException;
import tdxcheck.dpamt.policy.Policies;
import tdxcheck.dpamt.property.NoKvmBug;
import tdxcheck.dpamt.property.NoRemoveInUse;

/**
 * The properties that hold everywhere can fail: take the global lock away (no BUSY in put breaks),
 * and put a range without its PAMT under a holder (no-remove-in-use and no-kvm-bug catch it).
 */
class BreakOnPurposeTest {
    @Test
    void withoutTheGlobalLockSameRangePutSeesBusy() {
        var p = Checks.CATALOG.scenario("same-range").defaults();
        assertEquals(Verdict.HOLDS, Checks.run(p, Policies.byId("global-lock")).verdict("no-busy-in-put").verdict());
        assertEquals(Verdict.VIOLATED, Checks.run(p, Policies.byId("lock-free")).verdict("no-busy-in-put").verdict());
    }

    @Test
    void aRangeWithoutPamtUnderAReferenceIsCaughtAndAugOnItIsABug() {
        CheckTarget t = DpamtCatalog.build(Checks.CATALOG.scenario("same-range").defaults(), Policies.byId("global-lock"));
        PamtModel m = (PamtModel) t.model();
        long[] s = {0};
        PamtWords.setRef(s, 0, 1);
        PamtWords.setStep(s, 0, Step.AUG);
        assertFalse(new NoRemoveInUse(m).holds(s), "user0 holds a reference, the range has no PAMT");
        assertEquals(Outcome.NO_PAMT_BUG, m.outcome(s, 0));
        long[] after = new long[1];
        m.next(s, 0, after);
        assertTrue(PamtWords.bugged(after));
        assertFalse(new NoKvmBug(m).allowed(s, 0, after));
        PamtWords.setPamt(s, 0, true);
        assertTrue(new NoRemoveInUse(m).holds(s));
        assertEquals(Outcome.LOCKS_TAKEN, m.outcome(s, 0));
    }

    @Test
    void badParametersAreOneLine() {
        var d = Checks.CATALOG.scenario("same-range").defaults();
        ModelException e = assertThrows(ModelException.class, () -> Checks.CATALOG.scenario("same-range")
                .build(d.with("backing", "other-range"), Checks.CATALOG.resolvePolicy("global-lock", Map.of())));
        assertEquals("--backing other-range needs --ranges 2", e.getMessage());
        ModelException g = assertThrows(ModelException.class,
                () -> Checks.CATALOG.resolvePolicy(null, Map.of("pamt-lock", "nope")));
        assertEquals("unknown PAMT refcount policy 'nope' (known: global-lock, per-2m-lock, lock-free)", g.getMessage());
    }
}
