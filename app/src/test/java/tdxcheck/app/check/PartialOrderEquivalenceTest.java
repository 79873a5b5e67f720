package tdxcheck.app.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tdxcheck.app.cli.Families;
import tdxcheck.app.regress.Regression;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Policy;
import tdxcheck.core.catalog.Preset;
import tdxcheck.core.catalog.Scenario;
import tdxcheck.core.engine.PropertyOutcome;
import tdxcheck.core.engine.Replayer;
import tdxcheck.core.engine.Search;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.engine.SearchResult;
import tdxcheck.core.engine.Trace;
import tdxcheck.core.engine.Verdict;
import tdxcheck.core.property.Property;
import tdxcheck.core.property.PropertyKind;
import tdxcheck.core.property.StateInvariant;
import tdxcheck.core.property.TransitionCheck;
import tdxcheck.core.spi.Model;

/**
 * Partial-order reduction ({@code --por}) never trades a verdict: on every scenario variant of
 * every family's baseline under every preset, with symmetry on and off, the safety properties get
 * the same verdicts with and without it, every counterexample found under it replays through the
 * model and really violates its property, and the reduced search keeps no more states than the
 * full one (exactly as many for a family without local steps). The full standard matrix (every
 * axis combination) is tagged heavy. A few reduced counts are pinned.
 */
class PartialOrderEquivalenceTest {

    static Stream<Arguments> presetMatrix() {
        List<Arguments> l = new ArrayList<>();
        for (Catalog c : Families.all()) {
            for (Scenario s : c.scenarios()) {
                for (Params p : c.baselineVariants(s)) {
                    for (Preset preset : c.presets()) {
                        l.add(Arguments.of(c.family(), s.id(), p, c.resolvePolicy(preset.id(), Map.of())));
                    }
                }
            }
        }
        return l.stream();
    }

    static Stream<Arguments> standardMatrix() {
        List<Arguments> l = new ArrayList<>();
        for (Catalog c : Families.all()) {
            for (Regression.Spec s : Regression.standardMatrix(c)) {
                l.add(Arguments.of(c.family(), s.scenario(), s.params(), s.policy()));
            }
        }
        return l.stream();
    }

    @ParameterizedTest(name = "{0} {1} {3} {2}")
    @MethodSource("presetMatrix")
    void sameSafetyVerdictsWithAndWithoutPor(String family, String scenario, Params params, Policy policy) {
        agree(family, scenario, params, policy);
    }

    @Tag("heavy")
    @ParameterizedTest(name = "{0} {1} {3} {2}")
    @MethodSource("standardMatrix")
    void sameSafetyVerdictsOnTheStandardMatrix(String family, String scenario, Params params, Policy policy) {
        agree(family, scenario, params, policy);
    }

    private static void agree(String family, String scenario, Params params, Policy policy) {
        Catalog c = Families.find(family);
        CheckTarget t = safetyOnly(c.scenario(scenario).build(params, policy));
        for (boolean symmetry : new boolean[] {true, false}) {
            String where = family + " " + scenario + " " + policy.label() + " " + params + (symmetry ? "" : " nosym");
            SearchResult full = search(t, symmetry, false);
            SearchResult por = search(t, symmetry, true);
            assertTrue(full.exhausted() || full.outcomes().stream().allMatch(o -> o.verdict() == Verdict.VIOLATED),
                    where + ": the full search is not exhaustive");
            assertEquals(t.model().hasLocalActions(), por.plan().partialOrder(), where + ": plan");
            for (PropertyOutcome o : full.outcomes()) {
                PropertyOutcome r = por.outcome(o.property().id());
                assertEquals(o.verdict(), r.verdict(), where + ": " + o.property().id());
                if (r.verdict() == Verdict.VIOLATED) {
                    assertReplaysAndViolates(t.model(), r, where);
                }
            }
            if (full.exhausted() && por.exhausted()) {
                long f = full.stats().distinctStates();
                long p = por.stats().distinctStates();
                assertTrue(p <= f, where + ": " + p + " states with --por, " + f + " without");
                if (!t.model().hasLocalActions()) {
                    assertEquals(f, p, where + ": no local steps, no reduction");
                }
            }
        }
    }

    /**
     * Pinned: what the reduction keeps of a few runs (symmetry on, safety properties). fault-storm
     * under sep2024-proposal, where the zap finishes early, loses most; under upstream little.
     */
    @Test
    void pinnedReducedCounts() {
        Catalog tdx = Families.find("tdx");
        record Pin(String scenario, String preset, int vcpus, int gpas, long full, long reduced) {
        }
        List<Pin> l = List.of(
                new Pin("fault-storm", "upstream", 3, 2, 27176, 24413),
                new Pin("fault-storm", "mmu-part2", 3, 2, 22892, 20129),
                new Pin("fault-storm", "sep2024-proposal", 3, 2, 6818, 3107),
                new Pin("fault-storm", "sep2024-proposal", 4, 3, 196816, 45226),
                new Pin("frozen-spte-race", "upstream", 2, 1, 82, 48),
                new Pin("multi-gpa-rip", "upstream", 2, 3, 161, 55));
        List<String> got = new ArrayList<>();
        for (Pin pin : l) {
            Scenario s = tdx.scenario(pin.scenario());
            Params p = s.defaults().with("vcpus", pin.vcpus()).with("gpas", pin.gpas());
            CheckTarget t = safetyOnly(s.build(p, tdx.resolvePolicy(pin.preset(), Map.of())));
            got.add(pin.scenario() + " " + pin.preset() + " " + pin.vcpus() + "x" + pin.gpas() + ": "
                    + search(t, true, false).stats().distinctStates() + " -> "
                    + search(t, true, true).stats().distinctStates());
        }
        List<String> want = new ArrayList<>();
        for (Pin pin : l) {
            want.add(pin.scenario() + " " + pin.preset() + " " + pin.vcpus() + "x" + pin.gpas() + ": " + pin.full()
                    + " -> " + pin.reduced());
        }
        assertEquals(String.join("\n", want), String.join("\n", got));
    }

    /** The plan says what it ignored: --por with a kept liveness graph, with DFS and with --all. */
    @Test
    void thePlanTurnsPorOffWhereItDoesNotApply() {
        Catalog tdx = Families.find("tdx");
        Scenario s = tdx.scenario("fault-storm");
        Model m = s.build(s.defaults(), tdx.resolvePolicy("upstream", Map.of())).model();
        SearchConfig por = SearchConfig.builder().partialOrder(true).threads(2).build();
        assertTrue(Search.plan(m, por).partialOrder());
        assertEquals(1, Search.plan(m, por).threads());
        assertTrue(Search.plan(m, por).toString().contains("partial-order reduction"), Search.plan(m, por).toString());
        SearchConfig dfs = por.toBuilder().strategy(tdxcheck.core.engine.Strategy.DFS).build();
        assertFalse(Search.plan(m, dfs).partialOrder());
        assertTrue(Search.plan(m, dfs).overrides().contains(
                "partial-order reduction off: its cycle proviso is the breadth-first one"), Search.plan(m, dfs).overrides().toString());
        SearchConfig all = por.toBuilder().collectAll(true).build();
        assertFalse(Search.plan(m, all).partialOrder());
        assertFalse(Search.plan(m, SearchConfig.builder().threads(2).build()).partialOrder());
        assertEquals(2, Search.plan(m, SearchConfig.builder().threads(2).build()).threads());
    }

    private static SearchResult search(CheckTarget t, boolean symmetry, boolean por) {
        return Search.run(t.model(), t.properties(),
                SearchConfig.builder().threads(1).symmetry(symmetry).partialOrder(por).build());
    }

    private static CheckTarget safetyOnly(CheckTarget t) {
        List<Property> keep = new ArrayList<>();
        for (Property p : t.properties()) {
            if (p.kind() != PropertyKind.LIVENESS) {
                keep.add(p);
            }
        }
        return new CheckTarget(t.model(), keep);
    }

    /** The counterexample replays through the model to the same states, and its end violates the property. */
    private static void assertReplaysAndViolates(Model m, PropertyOutcome o, String where) {
        Trace cx = o.counterexample();
        assertNotNull(cx, where + ": " + o.property().id() + ": a counterexample");
        Trace replayed = Replayer.trace(m, o.property().kind(), cx.initialIndex(), cx.actions());
        int n = cx.length();
        for (int i = 0; i <= n; i++) {
            assertTrue(Arrays.equals(cx.state(i), replayed.state(i)), where + ": " + o.property().id() + ": step " + i);
        }
        long[] end = replayed.state(n);
        Property p = o.property();
        if (p instanceof StateInvariant inv) {
            assertFalse(inv.holds(end), where + ": " + p.id() + ": the last state violates it");
        } else if (p instanceof TransitionCheck tc) {
            assertTrue(n > 0, where + ": " + p.id());
            assertFalse(tc.allowed(replayed.state(n - 1), cx.actions()[n - 1], end),
                    where + ": " + p.id() + ": the last step violates it");
        } else {
            int[] en = new int[m.maxEnabled()];
            assertEquals(0, m.enabledActions(end, en), where + ": " + p.id() + ": the last state is terminal");
            boolean unfinished = false;
            for (int a = 0; a < m.actorCount(); a++) {
                unfinished |= !m.isFinished(end, a);
            }
            assertTrue(unfinished, where + ": " + p.id() + ": an actor is unfinished");
        }
    }
}
