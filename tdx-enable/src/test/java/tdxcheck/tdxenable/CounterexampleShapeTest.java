package tdxcheck.tdxenable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.engine.Trace;
import tdxcheck.core.spi.StepLabel;
import tdxcheck.tdxenable.program.OpKind;

/** What each counterexample says, step by step: the shape a reader relies on in docs/tdx-enable.md. */
class CounterexampleShapeTest {
    private static Trace trace(String scenario, String order, String property) {
        return Checks.run(scenario, order).verdict(property).trace();
    }

    @Test
    void v19OnlinesCpu1AfterTdxEnableWithoutLpInit() {
        CheckResult r = Checks.run("late-cpu-online", "v19");
        Trace t = r.verdict("no-online-without-lp-init").trace();
        EnableModel m = (EnableModel) r.model();
        assertEquals(9, t.length());
        long[] end = t.state(t.length());
        assertTrue(EnableWords.tdxEnabled(end));
        assertTrue(EnableWords.online(end, 1));
        assertFalse(EnableWords.lpInit(end, 1));
        assertEquals(0, EnableWords.vmx(end, 1), "v19 leaves VMX off after setup: no VM yet");
        assertEquals(0, EnableWords.vmx(end, 0), "VMXOFF on cpu0 too, while TDX is enabled");
        // steps 1-5 are tdx_hardware_setup under cpus_read_lock, the last one is cpu_up(cpu1) unlocking
        StepLabel last = m.describe(t.state(8), t.action(8), end);
        assertEquals("cpu_up(cpu1): cpus_write_unlock()", last.action());
        assertEquals(EnableModel.HOTPLUG, m.actorOf(t.action(8)));
    }

    @Test
    void v19EntersTheTdOnCpu1WithoutLpInit() {
        CheckResult r = Checks.run("late-cpu-online", "v19");
        Trace t = r.verdict("no-unready-seamcall").trace();
        EnableModel m = (EnableModel) r.model();
        int lastAction = t.action(t.length() - 1);
        assertEquals(EnableModel.VM * 4 + 1, lastAction, "TDH.VP.ENTER on cpu1");
        long[] before = t.state(t.length() - 1);
        assertEquals(1, EnableWords.vmx(before, 1), "VMXON from hardware_enable_all");
        assertFalse(EnableWords.lpInit(before, 1));
        assertEquals(new StepLabel("TDH.VP.ENTER on cpu1", "SEAMCALL on cpu1 without LP.INIT"),
                m.describe(before, lastAction, t.state(t.length())));
    }

    @Test
    void kaiProposalDeadlocksOnTheNestedReadBehindAQueuedWriter() {
        CheckResult r = Checks.run("late-cpu-online", "kai-proposal");
        Trace t = r.verdict("no-deadlock").trace();
        EnableModel m = (EnableModel) r.model();
        assertEquals(4, t.length());
        long[] end = t.state(4);
        assertEquals(1, EnableWords.reads(end, EnableModel.LOAD), "vt_hardware_setup holds cpus_read_lock");
        assertEquals(EnableWords.WRITER_PENDING, EnableWords.writer(end), "cpu_up queued as writer");
        assertEquals(OpKind.HP_REGISTER, m.nextOp(end, EnableModel.LOAD).kind());
        assertTrue(m.nextOp(end, EnableModel.LOAD).ownLock(), "cpuhp_setup_state_nocalls reads the lock again");
        assertEquals(0, m.enabledActions(end, new int[m.maxEnabled()]));
    }

    @Test
    void v616LosesLpInitOnlyWhileKvmIsUnloaded() {
        CheckResult r = Checks.run("kvm-reload", "v6.16");
        Trace t = r.verdict("no-online-without-lp-init").trace();
        long[] end = t.state(t.length());
        assertTrue(EnableWords.tdxEnabled(end), "the TDX module stays initialised across rmmod");
        assertFalse(EnableWords.devKvm(end), "KVM is unloaded");
        assertFalse(EnableWords.hp(end, tdxcheck.tdxenable.program.Callbacks.TDX.ordinal()),
                "tdx_cleanup removed tdx_online_cpu");
        assertFalse(EnableWords.lpInit(end, 1));
    }

    @Test
    void v19LastCpuOfPackageEntersKeyConfigOnCpu2WithoutLpInit() {
        Trace t = trace("last-cpu-of-package", "v19", "no-unready-seamcall");
        long[] before = t.state(t.length() - 1);
        assertTrue(EnableWords.online(before, 2));
        assertFalse(EnableWords.lpInit(before, 2), "cpu2 went down before load and came back after");
    }
}
