package tdxcheck.tdbuild;

/** One step of an ioctl thread's program. */
public enum OpKind {
    /** KVM_CREATE_VCPU: waits until INIT_VM made the TD INITIALIZED; -EIO if it is already RUNNABLE. */
    CREATE_VCPU,
    /** Take a KVM lock (blocks while another thread holds it). */
    LOCK,
    /** Drop one KVM lock. */
    UNLOCK,
    /** KVM's "TD is RUNNABLE -> -EINVAL" check. */
    CHECK_NOT_RUNNABLE,
    /** A SEAMCALL's first step: try its module locks in order; BUSY on the first that fails. */
    SEAMCALL,
    /** The same SEAMCALL's second step: apply the effect, release its module locks. */
    DONE,
    /** kvm_tdp_map_page() under mmu_lock read: before finalize it only fills the mirror S-EPT. */
    MAP,
    /** The ioctl returns 0 and drops every lock it holds. */
    RETURN,
    /** The thread has issued all its ioctls. */
    END
}
