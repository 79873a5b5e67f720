package tdxcheck.tdxenable.program;

/** What one step of an actor's program does. Control kinds (JUMP, JUMP_IF) are never a step of their own. */
public enum OpKind {
    /** cpus_read_lock(): waits while a hotplug writer is pending or holds the lock (percpu rwsem). */
    READ_LOCK,
    READ_UNLOCK,
    /** The era's KVM mutex (kvm_lock, later kvm_usage_lock). */
    MUTEX_LOCK,
    MUTEX_UNLOCK,
    USAGE_INC,
    USAGE_DEC,
    /** on_each_cpu(effect) over the online CPUs (the caller holds cpus_read_lock). */
    EACH_CPU,
    /** A hotplug callback's effect on the CPU going up or down. */
    ON_CPU,
    /** cpuhp_setup_state*(): registers a callback set; with an effect, invokes it on each online CPU. */
    HP_REGISTER,
    /** cpuhp_remove_state*(): unregisters; with an effect, tears down each online CPU. */
    HP_REMOVE,
    /** tdx_enable(): the module-global SEAMCALLs; needs every online CPU post-VMXON and LP.INIT. */
    TDX_ENABLE,
    /** /dev/kvm registered: userspace may create VMs. */
    DEV_KVM_UP,
    /** Userspace opens /dev/kvm (takes a module reference). */
    OPEN_DEV_KVM,
    /** Module unload: waits until no VM holds a module reference, then no new open succeeds. */
    WAIT_NO_VM,
    /** TD creation: every package needs an online CPU; TDH.MNG.KEY.CONFIG on one CPU per package. */
    TD_INIT,
    /** TDH.VP.ENTER on the CPU the vCPU thread runs on (a choice among the online CPUs). */
    VP_ENTER,
    /** TD teardown: TDH.PHYMEM.CACHE.WB / KEY.FREEID on one CPU per package; the HKID is freed. */
    TD_TEARDOWN,
    /** Hotplug: cpus_write_lock() acquired once every reader left. */
    WRITE_ACQUIRE,
    SET_ONLINE,
    SET_OFFLINE,
    /** tdx_offline_cpu(): refuses the last online CPU of a package while HKIDs are configured. */
    OFFLINE_CHECK,
    /** cpus_write_unlock(): the hotplug operation ends. */
    WRITE_RELEASE,
    JUMP,
    JUMP_IF,
    DONE;

    public boolean isControl() {
        return this == JUMP || this == JUMP_IF;
    }
}
