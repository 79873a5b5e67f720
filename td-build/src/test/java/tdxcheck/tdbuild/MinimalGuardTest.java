package tdxcheck.tdbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Scenario;
import tdxcheck.core.engine.Verdict;
import tdxcheck.tdbuild.guard.BuildGuard;
import tdxcheck.tdbuild.guard.GuardCost;
import tdxcheck.tdbuild.guard.Guards;

/**
 * Question 3: which guards keep KVM_BUG_ON unreachable in every scenario and both VP.INIT TDR
 * modes, and which of them adds the least locking to 6.16.
 */
class MinimalGuardTest {
    @Test
    void costsAreCountedFromThePrograms() {
        Map<String, Integer> cost = new LinkedHashMap<>();
        for (BuildGuard g : Guards.all()) {
            cost.put(g.id(), GuardCost.added(g));
        }
        assertEquals(Map.of("v6.16", 0, "all-locks", 14, "slots-lock", 2, "kvm-lock", 3, "vcpu-mutexes", 3), cost);
    }

    @Test
    void slotsLockIsTheSmallestGuardThatHolds() {
        List<String> holding = new ArrayList<>();
        for (BuildGuard g : Guards.all()) {
            boolean ok = true;
            for (Scenario s : Checks.CATALOG.scenarios()) {
                for (Params p : Checks.CATALOG.baselineVariants(s)) {
                    ok &= Checks.run(p, g).verdict("no-kvm-bug").verdict() == Verdict.HOLDS;
                }
            }
            if (ok) {
                holding.add(g.id());
            }
        }
        assertEquals(List.of("all-locks", "slots-lock", "kvm-lock"), holding);
        String minimal = holding.stream().min((a, b) -> Integer.compare(GuardCost.added(Guards.byId(a)),
                GuardCost.added(Guards.byId(b)))).orElseThrow();
        assertEquals("slots-lock", minimal);
    }
}
