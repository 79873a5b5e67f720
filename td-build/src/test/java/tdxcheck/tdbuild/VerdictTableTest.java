package tdxcheck.tdbuild;

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
 * Every scenario x guard x VP.INIT TDR mode: exact distinct-state count and the verdict of each
 * property, in the order no-kvm-bug, no-busy-eio, no-build-after-finalize, no-deadlock (H = HOLDS,
 * V = VIOLATED); every counterexample replays to its last state.
 */
class VerdictTableTest {
    @ParameterizedTest(name = "{0} [{1}] vp-init-tdr={2}")
    @CsvSource({
            "vcpu-vs-mem-region, v6.16,        shared,    471,  VVHH",
            "vcpu-vs-mem-region, v6.16,        exclusive, 473,  VVHH",
            "vcpu-vs-mem-region, all-locks,    shared,    144,  HHHH",
            "vcpu-vs-mem-region, all-locks,    exclusive, 144,  HHHH",
            "vcpu-vs-mem-region, slots-lock,   shared,    291,  HHHH",
            "vcpu-vs-mem-region, slots-lock,   exclusive, 291,  HHHH",
            "vcpu-vs-mem-region, kvm-lock,     shared,    109,  HHHH",
            "vcpu-vs-mem-region, kvm-lock,     exclusive, 109,  HHHH",
            "vcpu-vs-mem-region, vcpu-mutexes, shared,    207,  HHHH",
            "vcpu-vs-mem-region, vcpu-mutexes, exclusive, 207,  HHHH",
            "vcpu-vs-finalize,   v6.16,        shared,    93,   VHVH",
            "vcpu-vs-finalize,   v6.16,        exclusive, 93,   VHVH",
            "vcpu-vs-finalize,   all-locks,    shared,    48,   HHHH",
            "vcpu-vs-finalize,   all-locks,    exclusive, 48,   HHHH",
            "vcpu-vs-finalize,   slots-lock,   shared,    63,   HHHH",
            "vcpu-vs-finalize,   slots-lock,   exclusive, 63,   HHHH",
            "vcpu-vs-finalize,   kvm-lock,     shared,    40,   HHHH",
            "vcpu-vs-finalize,   kvm-lock,     exclusive, 40,   HHHH",
            "vcpu-vs-finalize,   vcpu-mutexes, shared,    93,   VHVH",
            "vcpu-vs-finalize,   vcpu-mutexes, exclusive, 93,   VHVH",
            "two-vcpus,          v6.16,        shared,    245,  HHHH",
            "two-vcpus,          v6.16,        exclusive, 247,  VHHH",
            "two-vcpus,          all-locks,    shared,    95,   HHHH",
            "two-vcpus,          all-locks,    exclusive, 95,   HHHH",
            "two-vcpus,          slots-lock,   shared,    163,  HHHH",
            "two-vcpus,          slots-lock,   exclusive, 163,  HHHH",
            "two-vcpus,          kvm-lock,     shared,    70,   HHHH",
            "two-vcpus,          kvm-lock,     exclusive, 70,   HHHH",
            "two-vcpus,          vcpu-mutexes, shared,    129,  HHHH",
            "two-vcpus,          vcpu-mutexes, exclusive, 129,  HHHH",
            "full-build,         v6.16,        shared,    1568, VVVH",
            "full-build,         v6.16,        exclusive, 1575, VVVH",
            "full-build,         all-locks,    shared,    330,  HHHH",
            "full-build,         all-locks,    exclusive, 330,  HHHH",
            "full-build,         slots-lock,   shared,    639,  HHHH",
            "full-build,         slots-lock,   exclusive, 639,  HHHH",
            "full-build,         kvm-lock,     shared,    244,  HHHH",
            "full-build,         kvm-lock,     exclusive, 244,  HHHH",
            "full-build,         vcpu-mutexes, shared,    793,  VHVH",
            "full-build,         vcpu-mutexes, exclusive, 793,  VHVH"})
    void verdictsAndStates(String scenario, String guard, String vpInitTdr, long states, String verdicts) {
        CheckResult r = Checks.run(scenario, guard, vpInitTdr);
        assertEquals(states, r.stats().distinctStates(), "distinct states");
        List<PropertyVerdict> v = r.verdicts();
        assertEquals(List.of("no-kvm-bug", "no-busy-eio", "no-build-after-finalize", "no-deadlock"),
                v.stream().map(p -> p.property().id()).toList());
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
