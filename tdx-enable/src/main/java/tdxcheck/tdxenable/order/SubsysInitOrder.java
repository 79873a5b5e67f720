package tdxcheck.tdxenable.order;

import tdxcheck.tdxenable.program.Callbacks;
import tdxcheck.tdxenable.program.Cond;
import tdxcheck.tdxenable.program.Effect;
import tdxcheck.tdxenable.program.OpKind;
import tdxcheck.tdxenable.program.Program;

/**
 * The later subsys-init order (tdx-facts §7d.4; [VMXON-v2] Sean Christopherson, "[PATCH v2 3/7]
 * KVM: x86/tdx: Do VMXON and TDX-Module initialization during subsys init", 5 Dec 2025,
 * &lt;20251206011054.494190-4-seanjc@google.com&gt;; precursor [XIN-RFC]
 * &lt;20250909182828.1542362-1-xin@zytor.com&gt;; mainline release UNCONFIRMED):
 * <ul>
 * <li>VMXON lives in the core kernel with a per-CPU user count (x86_virt_get_cpu/put_cpu).</li>
 * <li>A subsys_initcall, before KVM loads: cpus_read_lock, cpuhp "virt/tdx:online" (take a VMX
 *     reference + tdx_cpu_enable) on every online CPU, tdx_enable(), unlock. Registered once, never
 *     removed.</li>
 * <li>KVM then only takes its own VMX references (kvm_enable_virtualization as in 6.16); KVM's
 *     tdx_online_cpu is a no-op. The model keeps KVM's tdx_offline_cpu HKID check (§7d.4 names
 *     only the online side as gone): it runs first on offline, as KVM's dynamic state is
 *     allocated after the core's.</li>
 * </ul>
 */
public final class SubsysInitOrder implements EnableOrder {
    public static final String ID = "subsys-init";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "later (Dec 2025 series): VMXON refcounted in the core kernel; tdx_enable and virt/tdx:online"
                + " cpuhp at subsys_initcall, before KVM loads";
    }

    @Override
    public String usageMutex() {
        return "kvm_usage_lock";
    }

    @Override
    public void load(Program.Builder b, String p, boolean reload) {
        if (!reload) {
            b.readLock("tdx subsys_initcall: cpus_read_lock()")
                    .register(Callbacks.CORE, Effect.VMX_GET_LP_INIT, false,
                            "tdx subsys_initcall: cpuhp_setup_state_cpuslocked(virt/tdx:online):"
                                    + " x86_virt_get_cpu + tdx_cpu_enable on each online CPU")
                    .op(OpKind.TDX_ENABLE, "tdx subsys_initcall: tdx_enable()")
                    .readUnlock("tdx subsys_initcall: cpus_read_unlock()");
        }
        V616Order.enableVirtualization(b, p + "v", "kvm load: ", Effect.VMX_GET);
        b.register(Callbacks.TDX, Effect.NONE, true, "kvm load: cpuhp_setup_state(kvm/cpu/tdx:online):"
                + " tdx_online_cpu is a no-op");
    }

    @Override
    public void unload(Program.Builder b, String p) {
        b.remove(Callbacks.TDX, Effect.NONE, true, "kvm unload: cpuhp_remove_state(kvm/cpu/tdx:online)");
        V616Order.disableVirtualization(b, p + "v", "kvm unload: ", Effect.VMX_PUT);
    }

    @Override
    public void usageUp(Program.Builder b, String p) {
        V616Order.enableVirtualization(b, p, "kvm_create_vm: ", Effect.VMX_GET);
    }

    @Override
    public void usageDown(Program.Builder b, String p) {
        V616Order.disableVirtualization(b, p, "kvm_destroy_vm: ", Effect.VMX_PUT);
    }

    @Override
    public void online(Program.Builder b, String p) {
        b.jumpIf(Cond.CORE_HP_OFF, p + "a")
                .onCpu(Effect.VMX_GET_LP_INIT, "virt/tdx online: x86_virt_get_cpu + tdx_cpu_enable")
                .label(p + "a")
                .jumpIf(Cond.KVM_HP_OFF, p + "e")
                .onCpu(Effect.VMX_GET, "kvm_online_cpu: x86_virt_get_cpu")
                .label(p + "e");
    }

    @Override
    public void offline(Program.Builder b, String p) {
        b.jumpIf(Cond.TDX_HP_OFF, p + "a")
                .op(OpKind.OFFLINE_CHECK, "KVM tdx_offline_cpu")
                .jumpIf(Cond.REFUSED, p + "e")
                .label(p + "a")
                .jumpIf(Cond.KVM_HP_OFF, p + "b")
                .onCpu(Effect.VMX_PUT, "kvm_offline_cpu: x86_virt_put_cpu")
                .label(p + "b")
                .jumpIf(Cond.CORE_HP_OFF, p + "e")
                .onCpu(Effect.VMX_PUT, "virt/tdx offline: x86_virt_put_cpu")
                .label(p + "e");
    }
}
