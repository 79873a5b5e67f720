package tdxcheck.app.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tdxcheck.app.TestRuns;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Scenario;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.check.Checker;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.engine.SearchListener;
import tdxcheck.core.engine.Verdict;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.tdx.TdxCatalog;

/** The liveness phase is not silent: listeners hear which phase it is in while it runs. */
class LivenessProgressTest {
    @Test
    void theLivenessPhaseReportsProgress() {
        TdxCatalog tdx = new TdxCatalog();
        Scenario s = tdx.scenario("fault-storm");
        CheckTarget t = s.build(s.defaults().with("vcpus", 3).with("gpas", 2), TestRuns.policy("upstream", null, null));
        List<String> phases = Collections.synchronizedList(new ArrayList<>());
        SearchListener l = new SearchListener() {
            @Override
            public void livenessProgress(String phase, double seconds) {
                phases.add(phase);
            }
        };
        CheckResult c = Checker.check(t, SearchConfig.builder().listener(l).progressIntervalMillis(1).build(),
                Fairness.WEAK);
        assertEquals(Verdict.HOLDS, c.verdicts().stream().filter(v -> v.property().id().equals("no-busy-livelock"))
                .findFirst().orElseThrow().verdict());
        assertTrue(phases.stream().anyMatch(p -> p.startsWith("building the graph of ")
                || p.startsWith("fair-cycle search")), "liveness progress heard: " + phases);
    }
}
