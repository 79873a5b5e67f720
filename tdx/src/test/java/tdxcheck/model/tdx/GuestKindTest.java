package tdxcheck.model.tdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tdxcheck.core.spi.ModelException;
import tdxcheck.core.spi.StepLabel;
import tdxcheck.model.tdx.policy.Policies;

/** The guest kind (tdx-facts §6c): accept before use, kvm_vm_dead, and the PENDING zero-step walk. */
class GuestKindTest {
    private static TdxModel model(String id, GuestKind g, String fault, String zap) {
        TdxOptions o = TdxScenarios.info(id).defaults().withGuest(g);
        return new TdxModel(TdxScenarios.build(id, o, Policies.fault(fault), Policies.zap(zap)));
    }

    private static int inZeroStep(TdxModel m, long[] s) {
        return TdxWords.zeroStepModeCount(s, m.config().vcpus());
    }

    @Test
    void aLinuxGuestAcceptsBeforeUseSoTheFrozenSpteRaceCannotCountToZeroStep() {
        TdxModel linux = model(TdxScenarios.FROZEN_SPTE_RACE, GuestKind.LINUX, "resume-guest", "mmu-part2-loops");
        ReferenceBfs.Outcome o = ReferenceBfs.run(linux, (a, x, b) -> inZeroStep(linux, b) > inZeroStep(linux, a));
        assertNull(o.found(), "ACCEPT exits are not counted and accept_memory() serialises the two vCPUs");
        assertEquals(96, o.states(), "concrete states (no symmetry)");
        TdxModel ve = model(TdxScenarios.FROZEN_SPTE_RACE, GuestKind.VE, "resume-guest", "mmu-part2-loops");
        assertNotNull(ReferenceBfs.run(ve, (a, x, b) -> inZeroStep(ve, b) > inZeroStep(ve, a)).found());
    }

    @Test
    void theSecondLinuxVcpuWaitsForTheFirstAcceptAndSkipsItsOwn() {
        TdxModel m = model(TdxScenarios.FROZEN_SPTE_RACE, GuestKind.LINUX, "local-retry", "retry-once-then-kick");
        ReferenceBfs.Found f = ReferenceBfs.run(m, (a, x, b) -> m.outcomeOf(a, x) == Outcome.ACCEPT_SKIPPED).found();
        assertNotNull(f);
        // never two vCPUs inside ACCEPT for one page, and never a guest-visible BUSY
        assertNull(ReferenceBfs.run(m, (a, x, b) -> TdxWords.accepting(b, 0) && TdxWords.accepting(b, 1)).found());
        assertNull(ReferenceBfs.run(m, (a, x, b) -> TdxWords.guestPanicked(b)).found());
    }

    @Test
    void aLinuxGuestTouchingAPendingPageIsACountedExitAndKvmKillsTheVm() {
        // a page the guest accepted was zapped under it (no scenario does this since fault-storm zaps a
        // released page, tdx-facts §6b.9): touching it again AUGs a PENDING page, and the plain access
        // to it kills the VM (tdx-facts §6c.4, §6c.6)
        TdxModel m = touchZapped(GuestKind.LINUX);
        ReferenceBfs.Found f = ReferenceBfs.run(m, (a, x, b) -> TdxWords.vmDead(b)).found();
        assertNotNull(f);
        int n = f.actions().size();
        long[] before = f.states().get(n - 1);
        StepLabel last = m.describe(before, f.actions().get(n - 1), f.states().get(n));
        assertEquals("access gpa0", last.action());
        assertEquals("EXIT_REASON_EPT_VIOLATION (PENDING page, counted) => kvm_vm_dead (guest access before accepting)",
                last.outcome());
        int v = m.actorOf(f.actions().get(n - 1)) - m.config().vcpus();
        assertEquals(TdxWords.zeroStepCount(before, v) + 1, TdxWords.zeroStepCount(f.states().get(n), v), "counted");
        TdxModel ve = touchZapped(GuestKind.VE);
        assertNull(ReferenceBfs.run(ve, (a, x, b) -> TdxWords.vmDead(b)).found(), "#VE guest: handled in the guest");
    }

    /** One vCPU plain-touching gpa0, which it had accepted and the host has since removed. */
    private static TdxModel touchZapped(GuestKind g) {
        return new TdxModel(new TdxConfig("touch-zapped", java.util.List.of(VcpuInit.of(GuestScript.once(
                GuestOp.access(0)))), java.util.List.of(GpaInit.UNMAPPED), true, 6, false, -1,
                Policies.fault("local-retry"), Policies.zap("retry-once-then-kick"), g, ZapKind.PUNCH_HOLE));
    }

    @Test
    void theZeroStepWalkTreatsPendingLikeUnmapped() {
        TdxModel m = model(TdxScenarios.ZAP_VS_ZERO_STEP, GuestKind.VE, "local-retry", "retry-once-then-kick");
        long[] s = new long[m.stateWords()];
        m.initialState(0, s);
        TdxWords.setSept(s, 0, SeptState.PENDING);
        TdxWords.setSpte(s, 0, Spte.PRESENT);
        assertEquals(0, ZeroStepDetector.firstUnmappedRecorded(m.config(), s, 0), "PENDING carries SVE=1");
        TdxWords.setSept(s, 0, SeptState.MAPPED);
        assertEquals(-1, ZeroStepDetector.firstUnmappedRecorded(m.config(), s, 0));
    }

    @Test
    void optionsAreCheckedOneLine() {
        assertEquals("unknown guest 'windows' (known: linux, ve)",
                assertThrows(ModelException.class, () -> GuestKind.of("windows")).getMessage());
        assertEquals(GuestKind.LINUX, TdxOptions.defaults().guest());
        assertEquals(GuestKind.VE, TdxScenarios.info(TdxScenarios.FROZEN_SPTE_RACE).defaults().guest());
        assertEquals(GuestKind.LINUX, TdxScenarios.info(TdxScenarios.FAULT_STORM).defaults().guest());
    }
}
