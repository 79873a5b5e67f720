package tdxcheck.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tdxcheck.reports.result.Step;

/** Folding repeated round trips: what is folded, what is kept, never across the cycle start. */
class RoundTripsTest {
    /** Steps from "actor:action" tokens, outcome "ok". */
    private static List<Step> steps(String... tokens) {
        List<Step> l = new ArrayList<>();
        for (String t : tokens) {
            String[] p = t.split(":");
            l.add(new Step(l.size() + 1, p[0], p[1], "ok", Map.of(), Map.of(), ""));
        }
        return l;
    }

    @Test
    void aRoundTripRepeatedIsFolded() {
        List<Step> s = steps("zap:block", "v1:enter", "g1:exit", "v1:enter", "g1:exit", "v1:enter", "g1:exit",
                "zap:track");
        List<RoundTrips.Fold> f = RoundTrips.find(s, -1);
        assertEquals(List.of(new RoundTrips.Fold(2, 2, 2)), f);
        assertEquals("v1, g1 repeat steps 2-3 2 more times (steps 4-7; every step: tdxcheck report --full-trace)",
                RoundTrips.describe(f.get(0), s));
    }

    @Test
    void shortRepeatsStayAndFoldsStopAtTheCycleStart() {
        assertEquals(List.of(), RoundTrips.find(steps("a:x", "a:x", "b:y"), -1), "one hidden step is not worth a line");
        List<Step> s = steps("a:x", "a:x", "a:x", "a:x", "a:x", "a:x");
        assertEquals(List.of(new RoundTrips.Fold(1, 1, 5)), RoundTrips.find(s, -1));
        // cycle from step 4: steps 1-3 and 4-6 are folded separately, or not at all
        assertEquals(List.of(), RoundTrips.find(s, 3));
        assertEquals(List.of(new RoundTrips.Fold(1, 1, 3)), RoundTrips.find(steps("a:x", "a:x", "a:x", "a:x", "a:x",
                "a:x", "b:y"), 4));
    }
}
