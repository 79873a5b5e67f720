package tdxcheck.model.tdx;

import java.util.Arrays;
import tdxcheck.core.spi.ModelException;

/**
 * What the TD guest is (tdx-facts §6c). Both are Linux; they differ in the TD attribute
 * SEPT_VE_DISABLE, which decides what the module does on a plain access to a PENDING page.
 */
public enum GuestKind {
    /**
     * A production Linux TD: SEPT #VE disabled (Linux panics at boot otherwise, or turns it off
     * with TDG.VM.WR since Kirill Shutemov's "x86/tdx: Dynamically disable SEPT violations from
     * causing #VEs", 20240512122154.2655269-4-kirill.shutemov@linux.intel.com), and accept before
     * use: the guest ACCEPTs a private page before it touches it. An ACCEPT of a page not yet
     * AUGed exits to KVM and is not counted by zero-step; a plain access to a PENDING page is a
     * counted EPT-violation exit of type PENDING, and KVM kills the VM (kvm_vm_dead, "Guest
     * access before accepting", tdx_is_sept_violation_unexpected_pending in Linux 6.16 tdx.c
     * @3829d81b).
     */
    LINUX("linux"),
    /**
     * A TD with SEPT #VE enabled (a debug TD): the guest touches pages with plain accesses; on a
     * PENDING page the module injects #VE and the guest's handler accepts it. Neither is logged by
     * zero-step (td_ept_violation.c, TDX module 1.5.01).
     */
    VE("ve");

    private final String id;

    GuestKind(String id) {
        this.id = id;
    }

    /** The stable id of the option value ("linux", "ve"). */
    public String id() {
        return id;
    }

    public static GuestKind of(String id) {
        for (GuestKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new ModelException("unknown guest '" + id + "' (known: "
                + String.join(", ", Arrays.stream(values()).map(GuestKind::id).toList()) + ")");
    }
}
