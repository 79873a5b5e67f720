package tdxcheck.properties.tdx;

import tdxcheck.model.tdx.TdxWords;
import tdxcheck.core.property.StateInvariant;

/**
 * no-vm-dead: KVM never kills the VM. In this model the one cause is a Linux guest (SEPT #VE
 * disabled) touching a PENDING page: the module exits with EPT-violation type PENDING and KVM
 * calls kvm_vm_dead ("Guest access before accepting", tdx-facts §6c.6; Linux 6.16 tdx.c
 * @3829d81b, still so in 6.18 @2bc2694f). The counterexample's last step says why.
 */
public final class NoVmDead implements StateInvariant {
    public static final String ID = "no-vm-dead";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "KVM never kills the VM (kvm_vm_dead: a Linux guest touched a page it had not accepted)";
    }

    @Override
    public boolean holds(long[] s) {
        return !TdxWords.vmDead(s);
    }
}
