package tdxcheck.tdbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.engine.Trace;
import tdxcheck.core.engine.Verdict;
import tdxcheck.core.spi.ModelException;
import tdxcheck.tdbuild.guard.AllLocksGuard;
import tdxcheck.tdbuild.guard.BuildGuard;
import tdxcheck.tdbuild.guard.V616Guard;

/** The properties that hold under the guard can fail: break the guard on purpose. */
class BreakOnPurposeTest {
    /** 6.16's vCPU ioctls with kvm->lock taken inside their own vcpu->mutex: the wrong order. */
    static final class KvmLockInsideVcpuMutex extends V616Guard {
        @Override
        public String id() {
            return "test:kvm-lock-inside-vcpu-mutex";
        }

        @Override
        public void enter(tdxcheck.tdbuild.Program.Builder b, Ioctl io, int vcpu, int vcpus) {
            if (io == Ioctl.INIT_VCPU) {
                b.lock(KvmLocks.vcpuMutex(vcpu), "mutex_lock(&vcpu->mutex)")
                        .lock(KvmLocks.KVM_LOCK, "mutex_lock(&kvm->lock)")
                        .checkNotRunnable("TD RUNNABLE -> -EINVAL");
                return;
            }
            if (io == Ioctl.FINALIZE_VM) {
                new AllLocksGuard().enter(b, io, vcpu, vcpus);
                return;
            }
            super.enter(b, io, vcpu, vcpus);
        }
    }

    /** All the locks, but the state check before them (as 6.16's tdx_vcpu_ioctl does). */
    static final class CheckBeforeTheLocks extends V616Guard {
        @Override
        public String id() {
            return "test:check-before-the-locks";
        }

        @Override
        public void enter(tdxcheck.tdbuild.Program.Builder b, Ioctl io, int vcpu, int vcpus) {
            if (io == Ioctl.INIT_VCPU) {
                b.checkNotRunnable("TD RUNNABLE -> -EINVAL (before the locks)")
                        .lock(KvmLocks.KVM_LOCK, "mutex_lock(&kvm->lock)");
                for (int i = 0; i < vcpus; i++) {
                    b.lock(KvmLocks.vcpuMutex(i), "mutex_lock(&vcpu" + i + "->mutex)");
                }
                b.lock(KvmLocks.SLOTS_LOCK, "mutex_lock(&kvm->slots_lock)");
                return;
            }
            new AllLocksGuard().enter(b, io, vcpu, vcpus);
        }
    }

    @Test
    void kvmLockInsideVcpuMutexDeadlocksAgainstAllTheLocks() {
        BuildGuard g = new KvmLockInsideVcpuMutex();
        CheckResult r = Checks.run(Checks.CATALOG.scenario("vcpu-vs-finalize").defaults(), g);
        assertEquals(Verdict.VIOLATED, r.verdict("no-deadlock").verdict());
        Trace t = r.verdict("no-deadlock").trace();
        BuildModel m = (BuildModel) r.model();
        long[] end = t.state(t.length());
        assertEquals(OpKind.LOCK, m.nextOp(end, 0).kind(), "FINALIZE waits for vcpu0->mutex");
        assertEquals(KvmLocks.vcpuMutex(0), m.nextOp(end, 0).lock());
        assertEquals(KvmLocks.KVM_LOCK, m.nextOp(end, 1).lock(), "vcpu0 waits for kvm->lock");
        assertEquals(Verdict.HOLDS, Checks.run("vcpu-vs-finalize", "all-locks").verdict("no-deadlock").verdict());
    }

    @Test
    void aStateCheckBeforeTheLocksLetsAVcpuBeCreatedAfterFinalize() {
        CheckResult r = Checks.run(Checks.CATALOG.scenario("vcpu-vs-finalize").defaults(), new CheckBeforeTheLocks());
        assertEquals(Verdict.VIOLATED, r.verdict("no-build-after-finalize").verdict());
        assertEquals(Verdict.HOLDS, r.verdict("no-kvm-bug").verdict(), "the locks still keep the TDR free");
        assertEquals(Verdict.HOLDS,
                Checks.run("vcpu-vs-finalize", "all-locks").verdict("no-build-after-finalize").verdict());
    }

    @Test
    void badParametersAreOneLine() {
        var d = Checks.CATALOG.scenario("vcpu-vs-finalize").defaults();
        ModelException e = assertThrows(ModelException.class, () -> Checks.CATALOG.scenario("vcpu-vs-finalize")
                .build(d.with("mem-regions", 2), Checks.CATALOG.resolvePolicy("v6.16", Map.of())));
        assertEquals("--mem-regions must be from 0 to --vcpus (1) (got 2)", e.getMessage());
        ModelException g = assertThrows(ModelException.class,
                () -> Checks.CATALOG.resolvePolicy(null, Map.of("guard", "nope")));
        assertEquals("unknown build guard 'nope' (known: v6.16, all-locks, slots-lock, kvm-lock, vcpu-mutexes)",
                g.getMessage());
    }
}
