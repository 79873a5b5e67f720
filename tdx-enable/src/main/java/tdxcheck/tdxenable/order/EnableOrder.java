package tdxcheck.tdxenable.order;

import tdxcheck.tdxenable.program.Program;

/**
 * One era's order of enabling VMX and TDX against CPU hotplug and kvm_usage_count (tdx-facts
 * §7d): what module load (and unload) does, what VM creation and destruction do to
 * kvm_usage_count, and which cpuhp callbacks run when CPU k goes up or down. Each method appends
 * instructions; {@code p} prefixes the labels it places so a part can be appended twice. The
 * model runs every order the same way; only these instructions differ.
 */
public interface EnableOrder {
    String id();

    String description();

    /** The mutex that guards kvm_usage_count in this era, as a trace names it. */
    String usageMutex();

    /** Module load up to (not including) /dev/kvm; {@code reload}: a second load after an unload. */
    void load(Program.Builder b, String p, boolean reload);

    /** Module unload after /dev/kvm is gone and no VM holds a reference. */
    void unload(Program.Builder b, String p);

    /** KVM_CREATE_VM's part: kvm_usage_count++ and enabling on the first user. */
    void usageUp(Program.Builder b, String p);

    /** VM destruction's part: kvm_usage_count-- and disabling on the last user. */
    void usageDown(Program.Builder b, String p);

    /** The startup callbacks for CPU k, in cpuhp state order, after it is marked online. */
    void online(Program.Builder b, String p);

    /**
     * The teardown callbacks for CPU k, in reverse state order, before it is marked offline. A
     * refusal (OFFLINE_CHECK setting REFUSED) must release what it holds and reach the end.
     */
    void offline(Program.Builder b, String p);
}
