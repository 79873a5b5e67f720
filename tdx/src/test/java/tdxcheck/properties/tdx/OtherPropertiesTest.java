package tdxcheck.properties.tdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tdxcheck.core.spi.ModelException;
import tdxcheck.core.spi.Permutation;
import tdxcheck.model.tdx.SeptState;
import tdxcheck.model.tdx.TdxModel;
import tdxcheck.model.tdx.TdxScenarios;
import tdxcheck.model.tdx.TdxWords;
import tdxcheck.model.tdx.VcpuPc;
import tdxcheck.model.tdx.ZapPc;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.core.property.DeadlockFreedom;
import tdxcheck.core.property.Property;
import tdxcheck.core.property.PropertyKind;

/** The named TDX properties other than lock-safety, on hand-built states (fault-storm 2x2 unless said). */
class OtherPropertiesTest {
    private final TdxModel m = States.faultStorm();

    @Test
    void noKvmBugAndNoGuestBusyReadTheirFlag() {
        NoKvmBug bug = new NoKvmBug();
        NoGuestBusy busy = new NoGuestBusy();
        long[] s = States.initial(m);
        assertTrue(bug.holds(s));
        assertTrue(busy.holds(s));
        TdxWords.setBugged(s);
        assertFalse(bug.holds(s));
        assertTrue(busy.holds(s));
        long[] t = States.initial(m);
        TdxWords.setGuestPanicked(t);
        assertTrue(bug.holds(t));
        assertFalse(busy.holds(t));
        assertEquals("no-kvm-bug", bug.id());
        assertEquals("no-guest-busy", busy.id());
        assertTrue(bug.description().contains("KVM_BUG_ON"));
        assertTrue(busy.description().contains("ACCEPT"));
    }

    @Test
    void noZeroStepFlagsOnlyANewVcpuInZeroStepMode() {
        NoZeroStep p = new NoZeroStep(m.config());
        assertEquals("no-zero-step", p.id());
        assertEquals(PropertyKind.TRANSITION, p.kind());
        assertTrue(p.description().contains("zero-step"));
        long[] none = States.initial(m);
        long[] one = States.initial(m);
        TdxWords.setZeroStepGpas(one, 0, 1);
        long[] otherOne = States.initial(m);
        TdxWords.setZeroStepGpas(otherOne, 1, 2);
        long[] two = one.clone();
        TdxWords.setZeroStepGpas(two, 1, 1);
        assertTrue(p.allowed(none, 0, none));
        assertFalse(p.allowed(none, 0, one), "a vCPU enters zero-step mode");
        assertFalse(p.allowed(one, 0, two), "a second vCPU enters it");
        assertTrue(p.allowed(one, 0, one), "already in it");
        assertTrue(p.allowed(one, 0, otherOne), "symmetry may permute the vCPU records");
        assertTrue(p.allowed(two, 0, one), "one leaves it");
        assertTrue(p.allowed(one, 0, none));
    }

    @Test
    void noBusyLivelockNamesAndTracksItsOperations() {
        NoBusyLivelock p = new NoBusyLivelock(m.config());
        assertEquals("no-busy-livelock", p.id());
        assertEquals(PropertyKind.LIVENESS, p.kind());
        assertTrue(p.description().contains("fairness"));
        assertEquals(5, p.operationCount());
        assertEquals(List.of("fault(vcpu0)", "entry(vcpu0)", "fault(vcpu1)", "entry(vcpu1)", "zap(gpa0)"),
                java.util.stream.IntStream.range(0, 5).mapToObj(p::operationName).toList());
        assertTrue(p.symmetric());
        int swap = Permutation.set(Permutation.set(Permutation.IDENTITY, 0, 1), 1, 0);
        assertEquals(2, p.permuteOperation(0, swap));
        assertEquals(3, p.permuteOperation(1, swap));
        assertEquals(0, p.permuteOperation(2, swap));
        assertEquals(4, p.permuteOperation(4, swap));
        assertEquals(1, p.permuteOperation(1, Permutation.IDENTITY));

        long[] s = States.initial(m); // both vCPUs in the run loop, about to access unmapped gpa0; zap idle
        assertEquals(0b01111, p.pendingMask(s));
        assertEquals(0, p.progressMask(s, 0, s));
        TdxWords.setPc(s, 0, VcpuPc.GUEST);
        TdxWords.setPc(s, 1, VcpuPc.ENTER);
        assertEquals(0b01101, p.pendingMask(s), "vcpu0 in the guest: its entry is done, its fault still pending");
        TdxWords.setSept(s, 0, SeptState.MAPPED);
        assertEquals(0b01000, p.pendingMask(s), "gpa0 mapped: no vCPU waits on a page; vcpu1 still entering");
        TdxWords.setPc(s, 1, VcpuPc.FAULT);
        TdxWords.setZapPc(s, ZapPc.BLOCK);
        assertEquals(0b10100, p.pendingMask(s), "vcpu1 in the fault path; the zap started");
        TdxWords.setPc(s, 1, VcpuPc.DONE);
        TdxWords.setZapPc(s, ZapPc.DONE);
        TdxWords.setPos(s, 0, m.config().script(0).length());
        assertEquals(0, p.pendingMask(s), "vcpu0 at the end of its script, vcpu1 and the zap done");
        TdxWords.setPc(s, 0, VcpuPc.ACCEPT);
        TdxWords.setPos(s, 0, 1);
        TdxWords.setSept(s, 1, SeptState.BLOCKED_MAPPED);
        // a guest inside an ACCEPT whose page is not present holds the entry lock only to exit
        // (PageAccept.locks4kEntry): its fault is still pending; inside an ACCEPT of a present page it is not
        assertEquals(0b00001, p.pendingMask(s), "a guest in ACCEPT of blocked gpa1 will exit: fault pending");
        TdxWords.setSept(s, 1, SeptState.MAPPED);
        assertEquals(0, p.pendingMask(s), "a guest in ACCEPT of a present page is not waiting in KVM");
        TdxWords.setSept(s, 1, SeptState.BLOCKED_MAPPED);
        TdxWords.setPc(s, 0, VcpuPc.RUN);
        TdxWords.setPos(s, 0, m.config().script(0).length() - 1); // the last op: the access to gpa1
        assertEquals(0b00011, p.pendingMask(s), "about to access blocked gpa1");

        TdxModel running = new TdxModel(TdxScenarios.build(TdxScenarios.ZAP_VS_RUNNING, 1, 1, 6, false,
                Policies.fault("local-retry"), Policies.zap("retry-once-then-kick")));
        NoBusyLivelock q = new NoBusyLivelock(running.config());
        long[] r = States.initial(running);
        TdxWords.setPc(r, 0, VcpuPc.GUEST);
        TdxWords.setSept(r, 0, SeptState.BLOCKED_MAPPED);
        assertEquals(0, q.pendingMask(r), "an exit-only script never waits on a page");
        assertEquals("zap(gpa0)", q.operationName(2));
        TdxModel race = new TdxModel(TdxScenarios.build(TdxScenarios.FROZEN_SPTE_RACE, 2, 1, 6, false,
                Policies.fault("local-retry"), Policies.zap("retry-once-then-kick")));
        NoBusyLivelock noZap = new NoBusyLivelock(race.config());
        assertEquals(4, noZap.operationCount());
        long[] z = States.initial(race);
        TdxWords.setZapPc(z, ZapPc.BLOCK); // no zap actor: the field is never read
        assertEquals(0b1111, noZap.pendingMask(z));
    }

    @Test
    void theRegistryCreatesEachPropertyOnce() {
        assertEquals(List.of("no-zero-step", "no-busy-livelock", "no-deadlock", "no-kvm-bug", "no-guest-busy",
                "no-vm-dead", "lock-safety", "no-misdecoded-exit"), TdxProperties.IDS);
        List<Property> all = TdxProperties.all(m.config());
        assertEquals(TdxProperties.IDS, all.stream().map(Property::id).toList());
        assertEquals(List.of(NoZeroStep.class, NoBusyLivelock.class, DeadlockFreedom.class, NoKvmBug.class,
                NoGuestBusy.class, NoVmDead.class, LockSafety.class, NoMisdecodedExit.class), all.stream().map(Object::getClass).toList());
        List<Property> safety = TdxProperties.safety(m.config());
        assertEquals(List.of("no-zero-step", "no-deadlock", "no-kvm-bug", "no-guest-busy", "no-vm-dead", "lock-safety",
                "no-misdecoded-exit"), safety.stream().map(Property::id).toList());
        assertEquals(PropertyKind.DEADLOCK, TdxProperties.create("no-deadlock", m.config()).kind());
        ModelException e = assertThrows(ModelException.class, () -> TdxProperties.create("no-such", m.config()));
        assertEquals("unknown property 'no-such' (known: no-zero-step, no-busy-livelock, no-deadlock, no-kvm-bug, "
                + "no-guest-busy, no-vm-dead, lock-safety, no-misdecoded-exit)", e.getMessage());
    }
}
