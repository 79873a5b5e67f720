package tdxcheck.app.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.property.LivenessProperty;

/** Momentary windows: a hold cannot span another actor's round trip under fairness hw. */
class HwWindowTest {

    @Test
    void windowSpanningAnotherActorsRoundTripIsExcluded() {
        WindowSpin m = new WindowSpin();
        LivenessProperty live = m.zapCompletes();
        LivenessRuns.Outcome weak = LivenessRuns.check(m, live, Fairness.WEAK, false);
        assertTrue(weak.result().violated(0), "weak: the windows can overlap forever");
        LivenessRuns.validateLassos(m, live, Fairness.WEAK, weak);
        LivenessRuns.Outcome hw = LivenessRuns.check(m, live, Fairness.HW, false);
        assertFalse(hw.result().violated(0), "hw: each window closes within 2 steps of the others");
    }

    @Test
    void largeBudgetLetsTheWindowSpanTheRoundTrip() {
        // budget 4: the other vcpu's whole round trip (3 steps) plus the zap's failed attempt (1)
        // fit into one window, the lock is never free and the livelock is back; 1 to 3 exclude it
        WindowSpin m = new WindowSpin();
        LivenessRuns.Outcome hw4 = LivenessRuns.check(m, m.zapCompletes(), Fairness.HW, false, 4);
        assertTrue(hw4.result().violated(0));
        LivenessRuns.validateLassos(m, m.zapCompletes(), Fairness.HW, hw4);
        for (int budget = 1; budget <= 3; budget++) {
            assertFalse(LivenessRuns.check(m, m.zapCompletes(), Fairness.HW, false, budget).result().violated(0),
                    "budget " + budget);
        }
    }

    @Test
    void windowCountersBoundTheStates() {
        // 3 x 3 vcpu pcs x 2 zap states = 18 plain states; the counters add states only inside windows
        WindowSpin m = new WindowSpin();
        assertEquals(18, LivenessRuns.check(m, m.zapCompletes(), Fairness.WEAK, false).states());
        long hw = LivenessRuns.check(m, m.zapCompletes(), Fairness.HW, false).states();
        assertTrue(hw > 18 && hw <= 18 * 9, "hw states " + hw);
    }
}
