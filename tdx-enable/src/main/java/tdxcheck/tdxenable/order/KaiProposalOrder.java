package tdxcheck.tdxenable.order;

import tdxcheck.tdxenable.program.Callbacks;
import tdxcheck.tdxenable.program.Cond;
import tdxcheck.tdxenable.program.Effect;
import tdxcheck.tdxenable.program.OpKind;
import tdxcheck.tdxenable.program.Program;

/**
 * Kai Huang's proposal in seed 002 (tdx-facts §7d.2; [SEED-002], 17 Apr 2024, re: [PATCH v19
 * 023/130]), as the diff in the mail writes it:
 * <ul>
 * <li>vt_hardware_setup: cpus_read_lock → hardware_enable_all_nolock() (kvm_usage_count++ without
 *     kvm_lock, "not possible for userspace to create VM yet") → tdx_enable() → unlock; VMX stays
 *     on while TDX is enabled. (The mail's "if (!ret) hardware_disable_all_nolock()" reads as a
 *     slip for "if (ret)": the text says VMX is kept on when TDX is enabled; the model follows
 *     the text and the tdx_enable() that always succeeds.)</li>
 * <li>vt_hardware_enable does VMXON + unconditional tdx_cpu_enable().</li>
 * <li>__hardware_enable_all_nolock registers kvm_online_cpu/kvm_offline_cpu with
 *     cpuhp_setup_state_nocalls() after on_each_cpu, and __hardware_disable_all_nolock removes
 *     them with cpuhp_remove_state_nocalls(). Both calls take cpus_read_lock themselves, and both
 *     run inside the caller's cpus_read_lock section (vt_hardware_setup, hardware_enable_all).
 *     The model keeps that nesting: a second reader that waits behind a queued hotplug writer.</li>
 * <li>kvm_online_cpu/kvm_offline_cpu and the offline refusal stay as in v19 (kvm_lock).</li>
 * </ul>
 */
public final class KaiProposalOrder implements EnableOrder {
    public static final String ID = "kai-proposal";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "seed 002: hardware_enable_all_nolock + tdx_enable under cpus_read_lock at load, VMX kept on,"
                + " cpuhp registration moved into the enable-all path (cpuhp_setup_state_nocalls)";
    }

    @Override
    public String usageMutex() {
        return "kvm_lock";
    }

    private static void enableAllNolock(Program.Builder b, String p, String who) {
        b.op(OpKind.USAGE_INC, who + "hardware_enable_all_nolock: kvm_usage_count++")
                .jumpIf(Cond.USAGE_NOT_ONE, p + "x")
                .each(Effect.VMX_ON_LP_INIT, who + "on_each_cpu(hardware_enable_nolock): VMXON + tdx_cpu_enable")
                .register(Callbacks.KVM, Effect.NONE, true,
                        who + "cpuhp_setup_state_nocalls(CPUHP_AP_KVM_ONLINE): cpus_read_lock() again")
                .label(p + "x");
    }

    private static void disableAllNolock(Program.Builder b, String p, String who) {
        b.op(OpKind.USAGE_DEC, who + "hardware_disable_all_nolock: kvm_usage_count--")
                .jumpIf(Cond.USAGE_NOT_ZERO, p + "x")
                .remove(Callbacks.KVM, Effect.NONE, true,
                        who + "cpuhp_remove_state_nocalls(CPUHP_AP_KVM_ONLINE): cpus_read_lock() again")
                .each(Effect.VMX_OFF, who + "on_each_cpu(hardware_disable_nolock): VMXOFF")
                .label(p + "x");
    }

    @Override
    public void load(Program.Builder b, String p, boolean reload) {
        b.readLock("vt_hardware_setup: cpus_read_lock()");
        enableAllNolock(b, p + "e", "vt_hardware_setup: ");
        b.op(OpKind.TDX_ENABLE, "vt_hardware_setup: tdx_enable()")
                .readUnlock("vt_hardware_setup: cpus_read_unlock()");
    }

    @Override
    public void unload(Program.Builder b, String p) {
        b.readLock("vt_hardware_unsetup: cpus_read_lock()");
        disableAllNolock(b, p + "d", "vt_hardware_unsetup: ");
        b.readUnlock("vt_hardware_unsetup: cpus_read_unlock()");
    }

    @Override
    public void usageUp(Program.Builder b, String p) {
        b.readLock("hardware_enable_all: cpus_read_lock()")
                .op(OpKind.MUTEX_LOCK, "hardware_enable_all: mutex_lock(&kvm_lock)");
        enableAllNolock(b, p, "hardware_enable_all: ");
        b.op(OpKind.MUTEX_UNLOCK, "hardware_enable_all: mutex_unlock(&kvm_lock)")
                .readUnlock("hardware_enable_all: cpus_read_unlock()");
    }

    @Override
    public void usageDown(Program.Builder b, String p) {
        b.readLock("hardware_disable_all: cpus_read_lock()")
                .op(OpKind.MUTEX_LOCK, "hardware_disable_all: mutex_lock(&kvm_lock)");
        disableAllNolock(b, p, "hardware_disable_all: ");
        b.op(OpKind.MUTEX_UNLOCK, "hardware_disable_all: mutex_unlock(&kvm_lock)")
                .readUnlock("hardware_disable_all: cpus_read_unlock()");
    }

    @Override
    public void online(Program.Builder b, String p) {
        b.jumpIf(Cond.KVM_HP_OFF, p + "e")
                .op(OpKind.MUTEX_LOCK, "kvm_online_cpu: mutex_lock(&kvm_lock)")
                .jumpIf(Cond.USAGE_ZERO, p + "u")
                .onCpu(Effect.VMX_ON_LP_INIT, "kvm_online_cpu: hardware_enable_nolock: VMXON + tdx_cpu_enable")
                .label(p + "u")
                .op(OpKind.MUTEX_UNLOCK, "kvm_online_cpu: mutex_unlock(&kvm_lock)")
                .label(p + "e");
    }

    @Override
    public void offline(Program.Builder b, String p) {
        new V19Order().offline(b, p);
    }
}
