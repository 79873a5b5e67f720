package tdxcheck.model.tdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Preset;
import tdxcheck.core.catalog.Scenario;
import tdxcheck.core.check.LocalActionCheck;
import tdxcheck.core.spi.Model;
import tdxcheck.core.spi.StepLabel;
import tdxcheck.tdx.TdxCatalog;

/**
 * The partial-order claims of {@link LocalStep}, checked dynamically ({@link LocalActionCheck}) on
 * every reachable concrete state of every scenario variant of the baseline under every preset, and
 * on variants that give the local steps something to get wrong (VP.ENTER error returns, two
 * zaps, both guests, pending events): each local step commutes with, does not disable and is not
 * disabled by every other actor's enabled step, stays local after it, and no safety property sees
 * it. Two deliberately broken declarations must fail the check.
 */
class LocalStepTest {
    private static final TdxCatalog CATALOG = new TdxCatalog();
    private static final int MAX_STATES = 200_000;

    static Stream<Arguments> runs() {
        List<Arguments> l = new ArrayList<>();
        for (Scenario s : CATALOG.scenarios()) {
            List<Params> variants = new ArrayList<>(CATALOG.baselineVariants(s));
            if (s.id().equals(TdxScenarios.FAULT_STORM) || s.id().equals(TdxScenarios.ZAP_VS_RUNNING)) {
                variants.add(s.defaults().with(TdxCatalog.VP_ENTER_ERRORS.name(), "all"));
            }
            if (s.id().equals(TdxScenarios.FAULT_STORM)) {
                variants.add(s.defaults().with(TdxOptions.ZAPS, 2));
                variants.add(s.defaults().with(TdxOptions.GUEST, "ve").with(TdxOptions.PENDING_EVENTS, true));
            }
            for (Params p : variants) {
                for (Preset preset : CATALOG.presets()) {
                    l.add(Arguments.of(s.id(), p, preset.id()));
                }
            }
        }
        return l.stream();
    }

    @ParameterizedTest(name = "{0} {2} {1}")
    @MethodSource("runs")
    void everyLocalStepIsIndependentAndInvisible(String scenario, Params params, String preset) {
        CheckTarget t = CATALOG.scenario(scenario).build(params, CATALOG.resolvePolicy(preset, Map.of()));
        LocalActionCheck.Report r = LocalActionCheck.check(t.model(), t.properties(), MAX_STATES);
        assertTrue(r.ok(), String.join("\n", r.failures()));
    }

    /** Bigger: fault-storm at 3 vCPUs x 2 GPAs under every preset and both guests (heavy: about a million states each). */
    @org.junit.jupiter.api.Tag("heavy")
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bigger")
    void faultStormAtThreeVcpus(String preset, String guest) {
        Scenario s = CATALOG.scenario(TdxScenarios.FAULT_STORM);
        Params p = s.defaults().with(TdxOptions.VCPUS, 3).with(TdxOptions.GPAS, 2).with(TdxOptions.GUEST, guest);
        CheckTarget t = s.build(p, CATALOG.resolvePolicy(preset, Map.of()));
        LocalActionCheck.Report r = LocalActionCheck.check(t.model(), t.properties(), 5_000_000);
        assertTrue(r.ok(), String.join("\n", r.failures()));
        assertTrue(r.localPairs() > 1000, r.localPairs() + " local steps");
    }

    static Stream<Arguments> bigger() {
        List<Arguments> l = new ArrayList<>();
        for (Preset preset : CATALOG.presets()) {
            for (String guest : List.of("linux", "ve")) {
                l.add(Arguments.of(preset.id(), guest));
            }
        }
        return l.stream();
    }

    /** The check is not vacuous: the runs the reduction saves most on have local steps, many of them. */
    @Test
    void theScenariosHaveLocalSteps() {
        for (String id : List.of(TdxScenarios.FAULT_STORM, TdxScenarios.FROZEN_SPTE_RACE, TdxScenarios.MULTI_GPA_RIP,
                TdxScenarios.CONVERT_VS_ACCEPT)) {
            CheckTarget t = CATALOG.scenario(id).build(CATALOG.scenario(id).defaults(),
                    CATALOG.resolvePolicy("upstream", Map.of()));
            LocalActionCheck.Report r = LocalActionCheck.check(t.model(), t.properties(), MAX_STATES);
            assertTrue(r.ok(), String.join("\n", r.failures()));
            assertTrue(r.localPairs() > 10, id + ": only " + r.localPairs() + " local steps in " + r.states() + " states");
        }
    }

    /** Every guest step called local, exits and ACCEPTs too: visible and dependent, the check says so. */
    @Test
    void markingEveryGuestStepLocalFails() {
        CheckTarget t = storm();
        TdxModel m = (TdxModel) t.model();
        int vcpus = m.config().vcpus();
        Model broken = new Declared(m) {
            @Override
            public boolean isLocal(long[] s, int action) {
                int actor = TdxAction.actor(action);
                return actor >= vcpus && actor < 2 * vcpus;
            }
        };
        LocalActionCheck.Report r = LocalActionCheck.check(broken, t.properties(), MAX_STATES);
        assertFalse(r.ok());
        assertTrue(r.failures().stream().anyMatch(f -> f.contains("does not commute") || f.contains("disables")),
                String.join("\n", r.failures()));
    }

    /**
     * The subtle one: a guest access to a mapped page, called local while the zap can still kick
     * (the condition LocalStep has and this declaration drops). The zap's kick gives the vCPU
     * thread a TD exit that would take the guest out of guest mode, so after the kick the
     * declaration itself no longer calls the access local: the check finds the claim broken by
     * the zap's step.
     */
    @Test
    void aGuestAccessWhileTheZapCanKickIsNotLocal() {
        CheckTarget t = storm();
        TdxModel m = (TdxModel) t.model();
        TdxConfig c = m.config();
        Model broken = new Declared(m) {
            @Override
            public boolean isLocal(long[] s, int action) {
                int actor = TdxAction.actor(action);
                if (actor < c.vcpus() || actor >= 2 * c.vcpus()) {
                    return m.isLocal(s, action);
                }
                int v = actor - c.vcpus();
                int pos = TdxWords.pos(s, v);
                if (TdxWords.pc(s, v) != VcpuPc.GUEST || TdxWords.kickPending(s, v) || TdxWords.accepting(s, v)
                        || pos >= c.script(v).length()) {
                    return false;
                }
                GuestOp op = c.script(v).ops().get(pos);
                return op.kind() == GuestOp.Kind.ACCESS && GuestRun.firstMissing(c, s, op.gpas()) < 0;
            }
        };
        LocalActionCheck.Report r = LocalActionCheck.check(broken, t.properties(), MAX_STATES);
        assertFalse(r.ok());
        assertTrue(r.failures().stream().anyMatch(f -> f.contains("no longer local after zap")),
                String.join("\n", r.failures()));
        assertEquals(0, LocalActionCheck.check(m, t.properties(), MAX_STATES).failures().size());
    }

    private static CheckTarget storm() {
        Scenario s = CATALOG.scenario(TdxScenarios.FAULT_STORM);
        return s.build(s.defaults(), CATALOG.resolvePolicy("upstream", Map.of()));
    }

    /** A model that is {@code m} except for the local steps it declares. */
    private abstract static class Declared implements Model {
        private final TdxModel m;

        Declared(TdxModel m) {
            this.m = m;
        }

        @Override
        public boolean hasLocalActions() {
            return true;
        }

        @Override
        public abstract boolean isLocal(long[] s, int action);

        @Override
        public String name() {
            return m.name() + " (declared)";
        }

        @Override
        public int stateWords() {
            return m.stateWords();
        }

        @Override
        public int actorCount() {
            return m.actorCount();
        }

        @Override
        public String actorName(int actor) {
            return m.actorName(actor);
        }

        @Override
        public int initialStateCount() {
            return m.initialStateCount();
        }

        @Override
        public void initialState(int index, long[] out) {
            m.initialState(index, out);
        }

        @Override
        public int maxEnabled() {
            return m.maxEnabled();
        }

        @Override
        public int enabledActions(long[] state, int[] out) {
            return m.enabledActions(state, out);
        }

        @Override
        public void next(long[] state, int action, long[] out) {
            m.next(state, action, out);
        }

        @Override
        public int actorOf(int action) {
            return m.actorOf(action);
        }

        @Override
        public boolean isFinished(long[] state, int actor) {
            return m.isFinished(state, actor);
        }

        @Override
        public StepLabel describe(long[] before, int action, long[] after) {
            return m.describe(before, action, after);
        }

        @Override
        public Map<String, String> fields(long[] state) {
            return m.fields(state);
        }
    }
}
