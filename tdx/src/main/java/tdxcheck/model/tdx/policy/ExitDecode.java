package tdxcheck.model.tdx.policy;

import tdxcheck.core.spi.ModelException;
import tdxcheck.model.tdx.VpEnterStatus;

/**
 * How KVM turns TDH.VP.ENTER's return into a VMX exit reason (the {@code exit-decode} axis,
 * tdx-facts §4, §7e).
 *
 * <p>{@link #V19_UNION}: the v19 series' {@code union tdx_exit_reason} over the raw return; bits
 * 15:0 are read as the basic reason whatever the status, and the NMI path runs when they are 0 and
 * intr_info (R9) is an NMI (Sean Christopherson, "Re: [PATCH v19 078/130] KVM: TDX: Implement TDX
 * vcpu enter/exit path", kvm@vger, 15 Mar 2024: "If there's an error that leaves bits 15:0 zero,
 * KVM will synthesize a spurious NMI").
 *
 * <p>{@link #CLASSIFIED}: mainline's tdx_to_vmx_exit_reason (Linux tdx.c @3829d81b): bits 31:0
 * only for SUCCESS and the NON_RECOVERABLE classes, -1u (basic 0xFFFF) for everything else.
 */
public enum ExitDecode {
    CLASSIFIED("classified", "only SUCCESS and NON_RECOVERABLE returns are decoded; BUSY re-enters, SW error is"
            + " KVM_BUG_ON, other errors exit to userspace (mainline tdx_to_vmx_exit_reason)"),
    V19_UNION("v19-union", "bits 15:0 of the raw TDH.VP.ENTER return are the basic exit reason whatever the"
            + " status; NMI path when they are 0 (the v19 union tdx_exit_reason)");

    /** What {@link #basicReason} returns for a status it does not decode. */
    public static final int NOT_DECODED = -1;

    private final String id;
    private final String description;

    ExitDecode(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** The basic exit reason KVM reads from {@code ret}, or {@link #NOT_DECODED}. */
    public int basicReason(long ret) {
        if (this == CLASSIFIED && !VpEnterStatus.hasExitReason(ret)) {
            return NOT_DECODED;
        }
        return (int) (ret & 0xFFFF);
    }

    public static ExitDecode of(String id) {
        for (ExitDecode d : values()) {
            if (d.id.equals(id)) {
                return d;
            }
        }
        throw new ModelException("unknown exit decode '" + id + "' (known: v19-union, classified)");
    }
}
