package tdxcheck.tdxenable.program;

/**
 * The cpuhp callback sets the orders register. KVM: kvm_online_cpu/kvm_offline_cpu
 * (CPUHP_AP_KVM_ONLINE); TDX: KVM's "kvm/cpu/tdx:online" tdx_online_cpu/tdx_offline_cpu
 * (tdx-facts §7d.3); CORE: the core kernel's "virt/tdx:online" of the subsys-init order (§7d.4).
 */
public enum Callbacks {
    KVM("kvm/cpu:online"),
    TDX("kvm/cpu/tdx:online"),
    CORE("virt/tdx:online");

    private final String cpuhpName;

    Callbacks(String cpuhpName) {
        this.cpuhpName = cpuhpName;
    }

    public String cpuhpName() {
        return cpuhpName;
    }
}
