package tdxcheck.tdbuild;

/**
 * The four TD-build ioctls (tdx-facts §7c.2): two VM-scoped ({@code KVM_TDX_INIT_VM},
 * {@code KVM_TDX_FINALIZE_VM}, under {@code kvm->lock} in 6.16) and two vCPU-scoped
 * ({@code KVM_TDX_INIT_VCPU}, {@code KVM_TDX_INIT_MEM_REGION}, under that vCPU's mutex).
 */
public enum Ioctl {
    INIT_VM("KVM_TDX_INIT_VM"),
    FINALIZE_VM("KVM_TDX_FINALIZE_VM"),
    INIT_VCPU("KVM_TDX_INIT_VCPU"),
    INIT_MEM_REGION("KVM_TDX_INIT_MEM_REGION");

    private final String uapiName;

    Ioctl(String uapiName) {
        this.uapiName = uapiName;
    }

    public String uapiName() {
        return uapiName;
    }
}
