package tdxcheck.tdbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.engine.Trace;
import tdxcheck.core.spi.StepLabel;

/** What each counterexample says, step by step: the shape docs/td-build.md relies on. */
class CounterexampleShapeTest {
    @Test
    void v616VpCreateMeetsPageAddHoldingTheTdrExclusive() {
        CheckResult r = Checks.run("vcpu-vs-mem-region", "v6.16");
        Trace t = r.verdict("no-kvm-bug").trace();
        BuildModel m = (BuildModel) r.model();
        assertEquals(23, t.length());
        long[] before = t.state(22);
        int last = t.action(22);
        assertEquals("vcpu1", m.actorName(last));
        assertEquals(LockMode.EXCLUSIVE, m.tdrHold(before, 1), "vcpu0 is inside TDH.MEM.PAGE.ADD");
        assertEquals(Seamcall.PAGE_ADD, m.nextOp(before, 1).call());
        assertEquals(new StepLabel("tdx_td_vcpu_init: TDH.VP.CREATE", "TDX_OPERAND_BUSY|RDX -> KVM_BUG_ON"),
                m.describe(before, last, t.state(23)));
        assertTrue(BuildWords.bugged(t.state(23)));
    }

    @Test
    void v616VpCreateMeetsMrFinalize() {
        CheckResult r = Checks.run("vcpu-vs-finalize", "v6.16");
        Trace t = r.verdict("no-kvm-bug").trace();
        BuildModel m = (BuildModel) r.model();
        assertEquals(12, t.length());
        long[] before = t.state(11);
        assertEquals(Seamcall.MR_FINALIZE, m.nextOp(before, 0).call(), "the VM thread is inside TDH.MR.FINALIZE");
        assertEquals(LockMode.EXCLUSIVE, m.tdrHold(before, 0));
        assertEquals(Seamcall.VP_CREATE, m.nextOp(before, t.action(11)).call());
    }

    @Test
    void v616CreatesAVcpuAfterFinalizeThroughItsStaleCheck() {
        CheckResult r = Checks.run("vcpu-vs-finalize", "v6.16");
        Trace t = r.verdict("no-build-after-finalize").trace();
        BuildModel m = (BuildModel) r.model();
        assertEquals(13, t.length());
        assertEquals(OpKind.CHECK_NOT_RUNNABLE, m.nextOp(t.state(10), t.action(10)).kind(), "the check passes first");
        assertEquals(BuildWords.INITIALIZED, BuildWords.td(t.state(10)));
        assertEquals(BuildWords.RUNNABLE, BuildWords.td(t.state(12)), "then FINALIZE completes");
        assertEquals(Seamcall.VP_CREATE, m.nextOp(t.state(12), t.action(12)).call());
    }

    @Test
    void v616MrExtendBusyIsAnEioOfTheBuild() {
        CheckResult r = Checks.run("vcpu-vs-mem-region", "v6.16");
        Trace t = r.verdict("no-busy-eio").trace();
        BuildModel m = (BuildModel) r.model();
        assertEquals(25, t.length());
        long[] before = t.state(24);
        assertEquals(Seamcall.MR_EXTEND, m.nextOp(before, t.action(24)).call());
        assertEquals(LockMode.SHARED, m.tdrHold(before, 2), "vcpu1 is inside TDH.VP.CREATE");
        assertEquals(BuildWords.EXIT_EIO, BuildWords.exit(t.state(25), 1));
    }

    @Test
    void exclusiveVpInitMeetsTheOtherVcpusCreate() {
        CheckResult r = Checks.run("two-vcpus", "v6.16", "exclusive");
        Trace t = r.verdict("no-kvm-bug").trace();
        BuildModel m = (BuildModel) r.model();
        assertEquals(15, t.length());
        long[] before = t.state(14);
        int holder = m.actorName(t.action(14)).equals("vcpu0") ? 2 : 1;
        assertEquals(Seamcall.VP_INIT, m.nextOp(before, holder).call());
        assertEquals(LockMode.EXCLUSIVE, m.tdrHold(before, holder));
        assertEquals(Seamcall.VP_CREATE, m.nextOp(before, t.action(14)).call());
    }
}
