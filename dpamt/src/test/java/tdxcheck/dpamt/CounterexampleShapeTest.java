package tdxcheck.dpamt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.engine.Trace;

/** What each counterexample says, step by step: the shape docs/dpamt.md relies on. */
class CounterexampleShapeTest {
    @Test
    void perRangeLockPutMeetsTheOtherRangesAddWalkingItsBackingPage() {
        CheckResult r = Checks.run("cross-range", "per-2m-lock");
        Trace t = r.verdict("no-busy-in-put").trace();
        PamtModel m = (PamtModel) r.model();
        assertEquals(18, t.length());
        long[] before = t.state(17);
        int putter = t.action(17);
        int other = 1 - putter;
        assertEquals(Step.PREM, PamtWords.step(before, putter));
        assertEquals(Step.ADD_DONE, PamtWords.step(before, other), "the other user is inside PAMT.ADD of its range");
        assertEquals(m.shape().rangeOf(putter), m.failingNode(before, putter));
        assertEquals(1, m.holdMode(before, other, m.shape().rangeOf(putter)), "held shared by the backing-page walk");
        assertEquals(Outcome.PUT_BUSY, m.outcome(before, putter));
        long[] end = t.state(18);
        assertEquals(1, PamtWords.ref(end, m.shape().rangeOf(putter)), "the count is restored: nobody holds it");
    }

    @Test
    void lockFreeStaleAddCollidesWithAnAug() {
        CheckResult r = Checks.run("same-range", "lock-free");
        Trace t = r.verdict("no-pamt-collision").trace();
        PamtModel m = (PamtModel) r.model();
        assertEquals(7, t.length());
        long[] before = t.state(6);
        int who = t.action(6);
        int other = 1 - who;
        Step mine = PamtWords.step(before, who);
        Step theirs = PamtWords.step(before, other);
        assertTrue((mine == Step.ADD && theirs == Step.AUG_DONE) || (mine == Step.AUG && theirs == Step.ADD_DONE),
                mine + " against " + theirs);
        assertTrue(m.collision(before, who));
    }

    @Test
    void lockFreePutBusyLeaksTheRange() {
        CheckResult r = Checks.run("same-range", "lock-free");
        Trace t = r.verdict("no-pamt-leak").trace();
        long[] end = t.state(t.length());
        assertEquals(1, PamtWords.ref(end, 0));
        assertTrue(PamtWords.pamt(end, 0));
        for (int u = 0; u < 2; u++) {
            assertFalse(PamtWords.step(end, u).ownsRef(), "nobody holds the reference");
        }
    }
}
