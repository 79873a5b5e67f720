package tdxcheck.tdxenable.order;

import tdxcheck.tdxenable.program.Callbacks;
import tdxcheck.tdxenable.program.Cond;
import tdxcheck.tdxenable.program.Effect;
import tdxcheck.tdxenable.program.OpKind;
import tdxcheck.tdxenable.program.Program;

/**
 * Mainline 6.16 (tdx-facts §7d.3; [KVM-6.16] arch/x86/kvm/vmx/tdx.c @3829d81b, with [VIRT-v1]
 * &lt;20240425233951.3344485-1-seanjc@google.com&gt; and [KAI-EXP]):
 * <ul>
 * <li>kvm_enable_virtualization(): kvm_usage_count under the dedicated kvm_usage_lock
 *     (44d17459626); on the first user cpuhp_setup_state(CPUHP_AP_KVM_ONLINE) registers
 *     kvm_online_cpu/kvm_offline_cpu and runs VMXON on every online CPU (9a798b1337af). It takes
 *     cpus_read_lock inside, after kvm_usage_lock, never the other way round.</li>
 * <li>tdx_bringup (needs kvm.enable_virt_at_load=1, 3f9b69ced89c): kvm_enable_virtualization(),
 *     then cpus_read_lock, cpuhp_setup_state_cpuslocked("kvm/cpu/tdx:online", tdx_online_cpu,
 *     tdx_offline_cpu) which runs tdx_cpu_enable on every online CPU, tdx_enable(), unlock.
 *     Virtualization stays on (TDX keeps its kvm_usage_count reference). The model leaves out
 *     kvm_init's own enable_virt_at_load reference: it only adds one to the count.</li>
 * <li>tdx_online_cpu runs after kvm_online_cpu (it WARNs unless CR4.VMXE); tdx_offline_cpu
 *     refuses the last CPU of a package while HKIDs are configured and runs before VMXOFF.</li>
 * <li>Unload (tdx_cleanup): cpus_read_lock, cpuhp_remove_state_nocalls_cpuslocked(tdx state)
 *     (the TDX module stays initialised: "Once TDX module is initialized, it cannot be disabled"),
 *     unlock, kvm_disable_virtualization().</li>
 * </ul>
 */
public final class V616Order implements EnableOrder {
    public static final String ID = "v6.16";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "mainline 6.16: kvm_enable_virtualization (kvm_usage_lock) then tdx_bringup under"
                + " cpus_read_lock with tdx_online_cpu/tdx_offline_cpu; VMX stays on";
    }

    @Override
    public String usageMutex() {
        return "kvm_usage_lock";
    }

    /** kvm_enable_virtualization(); {@code on} is VMX_ON here, VMX_GET in the subsys-init order. */
    static void enableVirtualization(Program.Builder b, String p, String who, Effect on) {
        b.op(OpKind.MUTEX_LOCK, who + "kvm_enable_virtualization: mutex_lock(&kvm_usage_lock)")
                .op(OpKind.USAGE_INC, who + "kvm_enable_virtualization: kvm_usage_count++")
                .jumpIf(Cond.USAGE_NOT_ONE, p + "x")
                .register(Callbacks.KVM, on, true,
                        who + "cpuhp_setup_state(CPUHP_AP_KVM_ONLINE): kvm_online_cpu on each online CPU")
                .label(p + "x")
                .op(OpKind.MUTEX_UNLOCK, who + "kvm_enable_virtualization: mutex_unlock(&kvm_usage_lock)");
    }

    static void disableVirtualization(Program.Builder b, String p, String who, Effect off) {
        b.op(OpKind.MUTEX_LOCK, who + "kvm_disable_virtualization: mutex_lock(&kvm_usage_lock)")
                .op(OpKind.USAGE_DEC, who + "kvm_disable_virtualization: kvm_usage_count--")
                .jumpIf(Cond.USAGE_NOT_ZERO, p + "x")
                .remove(Callbacks.KVM, off, true,
                        who + "cpuhp_remove_state(CPUHP_AP_KVM_ONLINE): kvm_offline_cpu on each online CPU")
                .label(p + "x")
                .op(OpKind.MUTEX_UNLOCK, who + "kvm_disable_virtualization: mutex_unlock(&kvm_usage_lock)");
    }

    @Override
    public void load(Program.Builder b, String p, boolean reload) {
        enableVirtualization(b, p + "v", "tdx_bringup: ", Effect.VMX_ON);
        b.readLock("tdx_bringup: cpus_read_lock()")
                .register(Callbacks.TDX, Effect.LP_INIT, false,
                        "tdx_bringup: cpuhp_setup_state_cpuslocked(tdx_online_cpu): tdx_cpu_enable on each online CPU")
                .op(OpKind.TDX_ENABLE, "tdx_bringup: tdx_enable()")
                .readUnlock("tdx_bringup: cpus_read_unlock()");
    }

    @Override
    public void unload(Program.Builder b, String p) {
        b.readLock("tdx_cleanup: cpus_read_lock()")
                .remove(Callbacks.TDX, Effect.NONE, false, "tdx_cleanup: cpuhp_remove_state_nocalls_cpuslocked(tdx)")
                .readUnlock("tdx_cleanup: cpus_read_unlock()");
        disableVirtualization(b, p + "v", "tdx_cleanup: ", Effect.VMX_OFF);
    }

    @Override
    public void usageUp(Program.Builder b, String p) {
        enableVirtualization(b, p, "kvm_create_vm: ", Effect.VMX_ON);
    }

    @Override
    public void usageDown(Program.Builder b, String p) {
        disableVirtualization(b, p, "kvm_destroy_vm: ", Effect.VMX_OFF);
    }

    @Override
    public void online(Program.Builder b, String p) {
        b.jumpIf(Cond.KVM_HP_OFF, p + "a")
                .onCpu(Effect.VMX_ON, "kvm_online_cpu: VMXON")
                .label(p + "a")
                .jumpIf(Cond.TDX_HP_OFF, p + "e")
                .onCpu(Effect.LP_INIT, "tdx_online_cpu: tdx_cpu_enable")
                .label(p + "e");
    }

    @Override
    public void offline(Program.Builder b, String p) {
        b.jumpIf(Cond.TDX_HP_OFF, p + "a")
                .op(OpKind.OFFLINE_CHECK, "tdx_offline_cpu")
                .jumpIf(Cond.REFUSED, p + "e")
                .label(p + "a")
                .jumpIf(Cond.KVM_HP_OFF, p + "e")
                .onCpu(Effect.VMX_OFF, "kvm_offline_cpu: VMXOFF")
                .label(p + "e");
    }
}
