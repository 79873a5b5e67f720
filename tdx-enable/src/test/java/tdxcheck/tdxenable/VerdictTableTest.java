package tdxcheck.tdxenable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.check.PropertyVerdict;
import tdxcheck.core.engine.Replayer;
import tdxcheck.core.engine.Verdict;

/**
 * Every scenario x order: exact distinct-state count and the verdict of each property, in the
 * order no-unready-seamcall, no-online-without-lp-init, no-deadlock, no-hkid-package-offline
 * (H = HOLDS, V = VIOLATED); every counterexample replays to its last state.
 */
class VerdictTableTest {
    @ParameterizedTest(name = "{0} [{1}]")
    @CsvSource({
            "late-cpu-online,     v19,          404,  VVHH",
            "late-cpu-online,     kai-proposal, 286,  HHVH",
            "late-cpu-online,     v6.16,        308,  HHHH",
            "late-cpu-online,     subsys-init,  347,  HHHH",
            "last-cpu-of-package, v19,          3468, VVHH",
            "last-cpu-of-package, kai-proposal, 1570, HHVH",
            "last-cpu-of-package, v6.16,        1694, HHHH",
            "last-cpu-of-package, subsys-init,  1997, HHHH",
            "kvm-reload,          v19,          971,  VVHH",
            "kvm-reload,          kai-proposal, 769,  HVVH",
            "kvm-reload,          v6.16,        1026, HVHH",
            "kvm-reload,          subsys-init,  935,  HHHH"})
    void verdictsAndStates(String scenario, String order, long states, String verdicts) {
        CheckResult r = Checks.run(scenario, order);
        assertEquals(states, r.stats().distinctStates(), "distinct states");
        List<PropertyVerdict> v = r.verdicts();
        assertEquals(List.of("no-unready-seamcall", "no-online-without-lp-init", "no-deadlock",
                "no-hkid-package-offline"), v.stream().map(p -> p.property().id()).toList());
        StringBuilder got = new StringBuilder();
        for (PropertyVerdict p : v) {
            got.append(p.verdict() == Verdict.HOLDS ? 'H' : p.verdict() == Verdict.VIOLATED ? 'V' : '?');
            if (p.verdict() == Verdict.VIOLATED) {
                assertNotNull(p.trace(), p.property().id());
                long[] end = Replayer.replay(r.model(), p.trace().initialIndex(), p.trace().actions());
                assertArrayEquals(p.trace().state(p.trace().length()), end, "replay of " + p.property().id());
            }
        }
        assertEquals(verdicts, got.toString());
    }
}
