package tdxcheck.app.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Policy;
import tdxcheck.app.TestRuns;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.check.Checker;
import tdxcheck.core.catalog.Scenario;
import tdxcheck.tdx.TdxCatalog;
import tdxcheck.core.property.LivenessProperty;
import tdxcheck.core.property.Property;

/**
 * Why a default {@code verify --threads 2} ran on one thread: every default run includes the
 * liveness property, whose graph is built on one thread. The plan now says so, and a safety-only
 * run gets the threads it asked for. The statistics come back with the result (no listener).
 */
class CheckerPlanTest {
    private static final TdxCatalog CATALOG = new TdxCatalog();

    private static CheckResult check(boolean withLiveness) {
        Scenario s = CATALOG.scenario("fault-storm");
        Policy p = TestRuns.policy("upstream", null, null);
        CheckTarget t = s.build(s.defaults(), p);
        List<Property> props = t.properties().stream()
                .filter(q -> withLiveness || !(q instanceof LivenessProperty)).toList();
        return Checker.check(new CheckTarget(t.model(), props), SearchConfig.builder().threads(2).build(),
                Fairness.WEAK);
    }

    @Test
    void aDefaultRunKeepsTheLivenessGraphAndSaysWhyItUsesOneThread() {
        CheckResult c = check(true);
        assertEquals(1, c.search().plan().threads());
        assertEquals(List.of("1 thread instead of 2: the liveness graph is built on one thread (its state ids are "
                + "those of a one-by-one BFS)"), c.search().plan().overrides());
        assertEquals(1, c.stats().threads());
    }

    @Test
    void aSafetyRunGetsTheThreadsItAskedFor() {
        CheckResult c = check(false);
        assertEquals(2, c.search().plan().threads());
        assertEquals(List.of(), c.search().plan().overrides());
        assertEquals(2, c.stats().threads());
        assertEquals(3810, c.search().stats().distinctStates(), "fault-storm 2x2 upstream, symmetry quotient");
    }
}
