package tdxcheck.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tdxcheck.app.TestRuns;
import tdxcheck.core.liveness.Fairness;

/**
 * The bench's {@code live} column counts the graph with the store of the search that built it, per
 * state of that graph: the plain search's for weak fairness, the hw search's (the model with
 * momentary windows, more states) for fairness hw, never the plain search's states under an hw
 * graph.
 */
class LivenessFootprintTest {
    private static BenchResult run(Fairness f) {
        BenchCase c = new BenchCase("liveness", "fault-storm", TestRuns.params(3, 2, 6, false), "upstream", List.of(),
                null, false).withFairness(f);
        return new BenchRunner(TestRuns.TDX, new BenchRunner.Options(1, 0, 1, true), null).run(List.of(c)).get(0);
    }

    @Test
    void weakFairnessCountsThePlainSearchsGraphAndStore() {
        BenchResult r = run(Fairness.WEAK);
        assertEquals(r.distinctStates(), r.graphStates());
        assertEquals(r.storeBytes(), r.graphStoreBytes());
        assertEquals((double) (r.graphBytes() + r.storeBytes()) / r.distinctStates(), r.livenessBytesPerState(), 1e-9);
    }

    @Test
    void hwFairnessCountsTheHwSearchsStatesAndStore() {
        BenchResult r = run(Fairness.HW);
        assertTrue(r.graphStates() > r.distinctStates(), r.graphStates() + " hw states, " + r.distinctStates()
                + " plain");
        assertTrue(r.graphStoreBytes() > r.storeBytes(), "the hw search's store, not the plain one");
        assertEquals((double) (r.graphBytes() + r.graphStoreBytes()) / r.graphStates(), r.livenessBytesPerState(),
                1e-9);
    }
}
