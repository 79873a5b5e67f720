package tdxcheck.tdxenable.order;

import tdxcheck.tdxenable.program.Callbacks;
import tdxcheck.tdxenable.program.Cond;
import tdxcheck.tdxenable.program.Effect;
import tdxcheck.tdxenable.program.OpKind;
import tdxcheck.tdxenable.program.Program;

/**
 * The TDX v19 series (Feb 2024), the code Kai Huang answered in seed 002 (tdx-facts §7d.1):
 * <ul>
 * <li>tdx_hardware_setup(), from kvm_x86_vendor_init before kvm_init: cpus_read_lock,
 *     on_each_cpu(VMXON + tdx_cpu_enable), tdx_enable(), on_each_cpu(VMXOFF), unlock. VMX is off
 *     again once TDX is enabled.</li>
 * <li>.hardware_enable is plain vmx_hardware_enable ("TDX cpu enablement is done by
 *     tdx_hardware_setup()"): enabling on the first VM, or in kvm_online_cpu, does VMXON only.</li>
 * <li>kvm_init registers kvm_online_cpu/kvm_offline_cpu once, for good; they and
 *     hardware_enable_all take kvm_lock, which guards kvm_usage_count in this era.</li>
 * <li>kvm_offline_cpu asks kvm_arch_offline_cpu → tdx_offline_cpu, which refuses the last online
 *     CPU of a package while HKIDs are configured ("[PATCH v19 041/130] KVM: TDX: Refuse to unplug
 *     the last cpu on the package",
 *     &lt;15d4d08cf1fe16777f8f8d84ee940e41afbad406.1708933498.git.isaku.yamahata@intel.com&gt;).</li>
 * </ul>
 * Sources: [SEED-002] (Kai Huang, 17 Apr 2024, re: [PATCH v19 023/130]) and v19 041/130.
 */
public final class V19Order implements EnableOrder {
    public static final String ID = "v19";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "TDX v19: VMXON+LP.INIT only during tdx_hardware_setup, then VMXOFF; VMX on at the first VM;"
                + " cpuhp callbacks registered in kvm_init (VMXON only)";
    }

    @Override
    public String usageMutex() {
        return "kvm_lock";
    }

    @Override
    public void load(Program.Builder b, String p, boolean reload) {
        b.readLock("tdx_hardware_setup: cpus_read_lock()")
                .each(Effect.VMX_ON_LP_INIT, "tdx_hardware_setup: on_each_cpu(tdx_on): VMXON + tdx_cpu_enable")
                .op(OpKind.TDX_ENABLE, "tdx_hardware_setup: tdx_enable()")
                .each(Effect.VMX_OFF, "tdx_hardware_setup: on_each_cpu(vmx_off): VMXOFF")
                .readUnlock("tdx_hardware_setup: cpus_read_unlock()")
                .register(Callbacks.KVM, Effect.NONE, true,
                        "kvm_init: cpuhp_setup_state_nocalls(kvm_online_cpu, kvm_offline_cpu)");
    }

    @Override
    public void unload(Program.Builder b, String p) {
        b.remove(Callbacks.KVM, Effect.NONE, true, "kvm_exit: cpuhp_remove_state_nocalls(CPUHP_AP_KVM_ONLINE)");
    }

    @Override
    public void usageUp(Program.Builder b, String p) {
        b.readLock("hardware_enable_all: cpus_read_lock()")
                .op(OpKind.MUTEX_LOCK, "hardware_enable_all: mutex_lock(&kvm_lock)")
                .op(OpKind.USAGE_INC, "hardware_enable_all: kvm_usage_count++")
                .jumpIf(Cond.USAGE_NOT_ONE, p + "x")
                .each(Effect.VMX_ON, "hardware_enable_all: on_each_cpu(hardware_enable_nolock): VMXON")
                .label(p + "x")
                .op(OpKind.MUTEX_UNLOCK, "hardware_enable_all: mutex_unlock(&kvm_lock)")
                .readUnlock("hardware_enable_all: cpus_read_unlock()");
    }

    @Override
    public void usageDown(Program.Builder b, String p) {
        b.readLock("hardware_disable_all: cpus_read_lock()")
                .op(OpKind.MUTEX_LOCK, "hardware_disable_all: mutex_lock(&kvm_lock)")
                .op(OpKind.USAGE_DEC, "hardware_disable_all: kvm_usage_count--")
                .jumpIf(Cond.USAGE_NOT_ZERO, p + "x")
                .each(Effect.VMX_OFF, "hardware_disable_all: on_each_cpu(hardware_disable_nolock): VMXOFF")
                .label(p + "x")
                .op(OpKind.MUTEX_UNLOCK, "hardware_disable_all: mutex_unlock(&kvm_lock)")
                .readUnlock("hardware_disable_all: cpus_read_unlock()");
    }

    @Override
    public void online(Program.Builder b, String p) {
        b.jumpIf(Cond.KVM_HP_OFF, p + "e")
                .op(OpKind.MUTEX_LOCK, "kvm_online_cpu: mutex_lock(&kvm_lock)")
                .jumpIf(Cond.USAGE_ZERO, p + "u")
                .onCpu(Effect.VMX_ON, "kvm_online_cpu: hardware_enable_nolock: VMXON (no LP.INIT)")
                .label(p + "u")
                .op(OpKind.MUTEX_UNLOCK, "kvm_online_cpu: mutex_unlock(&kvm_lock)")
                .label(p + "e");
    }

    @Override
    public void offline(Program.Builder b, String p) {
        b.jumpIf(Cond.KVM_HP_OFF, p + "e")
                .op(OpKind.MUTEX_LOCK, "kvm_offline_cpu: mutex_lock(&kvm_lock)")
                .op(OpKind.OFFLINE_CHECK, "kvm_offline_cpu: kvm_arch_offline_cpu -> tdx_offline_cpu")
                .jumpIf(Cond.REFUSED, p + "u")
                .jumpIf(Cond.USAGE_ZERO, p + "u")
                .onCpu(Effect.VMX_OFF, "kvm_offline_cpu: hardware_disable_nolock: VMXOFF")
                .label(p + "u")
                .op(OpKind.MUTEX_UNLOCK, "kvm_offline_cpu: mutex_unlock(&kvm_lock)")
                .label(p + "e");
    }
}
