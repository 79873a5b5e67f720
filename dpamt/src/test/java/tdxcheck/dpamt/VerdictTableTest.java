package tdxcheck.dpamt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.check.PropertyVerdict;
import tdxcheck.core.engine.Replayer;
import tdxcheck.core.engine.Verdict;
import tdxcheck.dpamt.policy.Policies;

/**
 * Every pinned variant x policy: exact distinct-state count and the verdicts, in the order
 * no-kvm-bug, no-busy-in-put, no-pamt-collision, no-pamt-leak, no-remove-in-use (H = HOLDS,
 * V = VIOLATED); every counterexample replays to its last state.
 */
class VerdictTableTest {
    @ParameterizedTest(name = "{0} backing={1} walk-4k={2} [{3}]")
    @CsvSource({
            "same-range,       outside,     node-shared, global-lock, 513,  HHHHH",
            "same-range,       outside,     node-shared, per-2m-lock, 513,  HHHHH",
            "same-range,       outside,     node-shared, lock-free,   558,  VVVVH",
            "same-range,       outside,     leaf-only,   global-lock, 513,  HHHHH",
            "same-range,       outside,     leaf-only,   per-2m-lock, 513,  HHHHH",
            "same-range,       outside,     leaf-only,   lock-free,   522,  HVHVH",
            "cross-range,      other-range, node-shared, global-lock, 765,  HHHHH",
            "cross-range,      other-range, node-shared, per-2m-lock, 1327, HVHVH",
            "cross-range,      other-range, node-shared, lock-free,   811,  HVHVH",
            "cross-range,      other-range, leaf-only,   global-lock, 765,  HHHHH",
            "cross-range,      other-range, leaf-only,   per-2m-lock, 1327, HVHVH",
            "cross-range,      other-range, leaf-only,   lock-free,   811,  HVHVH",
            "cross-range,      outside,     node-shared, global-lock, 765,  HHHHH",
            "cross-range,      outside,     node-shared, per-2m-lock, 961,  HHHHH",
            "cross-range,      outside,     node-shared, lock-free,   529,  HHHHH",
            "shared-and-cross, other-range, node-shared, global-lock, 1856, HHHHH",
            "shared-and-cross, other-range, node-shared, per-2m-lock, 2622, HVHVH",
            "shared-and-cross, other-range, node-shared, lock-free,   1669, VVVVH",
            "shared-and-cross, other-range, leaf-only,   global-lock, 1856, HHHHH",
            "shared-and-cross, other-range, leaf-only,   per-2m-lock, 2622, HVHVH",
            "shared-and-cross, other-range, leaf-only,   lock-free,   1487, HVHVH",
            "shared-and-cross, outside,     node-shared, global-lock, 1856, HHHHH",
            "shared-and-cross, outside,     node-shared, per-2m-lock, 2304, HHHHH",
            "shared-and-cross, outside,     node-shared, lock-free,   1572, VVVVH"})
    void verdictsAndStates(String scenario, String backing, String walk, String policy, long states, String verdicts) {
        Params p = Checks.CATALOG.scenario(scenario).defaults().with("backing", backing).with("walk-4k", walk);
        CheckResult r = Checks.run(p, Policies.byId(policy));
        assertEquals(states, r.stats().distinctStates(), "distinct states");
        List<PropertyVerdict> v = r.verdicts();
        assertEquals(List.of("no-kvm-bug", "no-busy-in-put", "no-pamt-collision", "no-pamt-leak", "no-remove-in-use"),
                v.stream().map(x -> x.property().id()).toList());
        StringBuilder got = new StringBuilder();
        for (PropertyVerdict x : v) {
            got.append(x.verdict() == Verdict.HOLDS ? 'H' : x.verdict() == Verdict.VIOLATED ? 'V' : '?');
            if (x.verdict() == Verdict.VIOLATED) {
                assertNotNull(x.trace(), x.property().id());
                long[] end = Replayer.replay(r.model(), x.trace().initialIndex(), x.trace().actions());
                assertArrayEquals(x.trace().state(x.trace().length()), end, "replay of " + x.property().id());
            }
        }
        assertEquals(verdicts, got.toString());
    }
}
