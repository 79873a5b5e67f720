package tdxcheck.tdxenable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.engine.Trace;
import tdxcheck.core.spi.ModelException;
import tdxcheck.core.engine.Verdict;
import tdxcheck.tdxenable.order.EnableOrder;
import tdxcheck.tdxenable.order.V616Order;
import tdxcheck.tdxenable.program.Callbacks;
import tdxcheck.tdxenable.program.Cond;
import tdxcheck.tdxenable.program.Effect;
import tdxcheck.tdxenable.program.OpKind;
import tdxcheck.tdxenable.program.Program;

/** The properties that hold everywhere can fail: break 6.16 on purpose and see them catch it. */
class BreakOnPurposeTest {
    /** 6.16 without tdx_offline_cpu's refusal. */
    static class NoOfflineCheck implements EnableOrder {
        private final V616Order base = new V616Order();

        @Override
        public String id() {
            return "test:no-offline-check";
        }

        @Override
        public String description() {
            return "6.16 without the HKID check on offline";
        }

        @Override
        public String usageMutex() {
            return base.usageMutex();
        }

        @Override
        public void load(Program.Builder b, String p, boolean reload) {
            base.load(b, p, reload);
        }

        @Override
        public void unload(Program.Builder b, String p) {
            base.unload(b, p);
        }

        @Override
        public void usageUp(Program.Builder b, String p) {
            base.usageUp(b, p);
        }

        @Override
        public void usageDown(Program.Builder b, String p) {
            base.usageDown(b, p);
        }

        @Override
        public void online(Program.Builder b, String p) {
            base.online(b, p);
        }

        @Override
        public void offline(Program.Builder b, String p) {
            b.jumpIf(Cond.KVM_HP_OFF, p + "e").onCpu(Effect.VMX_OFF, "kvm_offline_cpu: VMXOFF").label(p + "e");
        }
    }

    /** 6.16 with kvm_enable_virtualization() moved inside tdx_bringup's cpus_read_lock section. */
    static final class NestedRead extends Delegating {
        @Override
        public void load(Program.Builder b, String p, boolean reload) {
            b.readLock("tdx_bringup: cpus_read_lock()")
                    .op(OpKind.USAGE_INC, "kvm_usage_count++")
                    .register(Callbacks.KVM, Effect.VMX_ON, true, "cpuhp_setup_state(): cpus_read_lock() again")
                    .register(Callbacks.TDX, Effect.LP_INIT, false, "cpuhp_setup_state_cpuslocked(tdx)")
                    .op(OpKind.TDX_ENABLE, "tdx_enable()")
                    .readUnlock("cpus_read_unlock()");
        }
    }

    /** Delegates everything to 6.16. */
    static class Delegating extends NoOfflineCheck {
        @Override
        public void offline(Program.Builder b, String p) {
            new V616Order().offline(b, p);
        }
    }

    @Test
    void withoutTheRefusalTheLastCpuOfAPackageGoesDownUnderAnHkid() {
        CheckResult r = Checks.run(Checks.CATALOG.scenario("last-cpu-of-package").defaults(), new NoOfflineCheck());
        assertEquals(Verdict.VIOLATED, r.verdict("no-hkid-package-offline").verdict());
        Trace t = r.verdict("no-hkid-package-offline").trace();
        long[] end = t.state(t.length());
        assertTrue(EnableWords.hkids(end));
        assertTrue(!EnableWords.online(end, 2), "cpu2 was the only CPU of package 1");
        assertEquals(Verdict.HOLDS, Checks.run("last-cpu-of-package", "v6.16").verdict("no-hkid-package-offline").verdict());
    }

    @Test
    void aNestedCpusReadLockDeadlocksAgainstAQueuedWriter() {
        CheckResult r = Checks.run(Checks.CATALOG.scenario("late-cpu-online").defaults(), new NestedRead());
        assertEquals(Verdict.VIOLATED, r.verdict("no-deadlock").verdict());
        assertEquals(Verdict.HOLDS, Checks.run("late-cpu-online", "v6.16").verdict("no-deadlock").verdict());
    }

    @Test
    void badParametersAreOneLine() {
        var d = Checks.CATALOG.scenario("late-cpu-online").defaults();
        ModelException e = assertThrows(ModelException.class,
                () -> Checks.CATALOG.scenario("late-cpu-online").build(d.with("start-online", 3),
                        Checks.CATALOG.resolvePolicy("v6.16", java.util.Map.of())));
        assertEquals("--start-online must be from 1 to --cpus (2) (got 3)", e.getMessage());
    }
}
