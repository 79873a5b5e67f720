package tdxcheck.model.tdx;

import java.util.Arrays;
import tdxcheck.core.spi.ModelException;

/**
 * The environment's choice of what TDH.VP.ENTER returns instead of entering the guest
 * ({@code --vp-enter-errors}): the operand-less errors whose bits 15:0 are zero (tdx-facts §7e.3),
 * the SW errors, and a NON_RECOVERABLE TD exit with a real exit reason. Only TSC_ROLLBACK,
 * TDCX_NUM_INCORRECT, LIMIT_CPUID_MAXVAL_SET and VCPU_ASSOCIATED are VP.ENTER's own failures in
 * the module source (intel/tdx-module 1.5.01 @72d8cff tdh_vp_enter.c); whether VP.ENTER returns the
 * others is not established: the model lets it, as Sean's point (seed 000) is that KVM must not
 * depend on which status comes back.
 */
public enum VpEnterError {
    PREV_EPOCH_BUSY("prev-epoch-busy", Outcome.PREVIOUS_TLB_EPOCH_BUSY),
    HOST_PRIORITY_BUSY_TIMEOUT("host-priority-busy-timeout", Outcome.HOST_PRIORITY_BUSY_TIMEOUT),
    RND_NO_ENTROPY("rnd-no-entropy", Outcome.RND_NO_ENTROPY),
    TSC_ROLLBACK("tsc-rollback", Outcome.TSC_ROLLBACK),
    TDCX_NUM_INCORRECT("tdcx-num-incorrect", Outcome.TDCX_NUM_INCORRECT),
    LIMIT_CPUID_MAXVAL_SET("limit-cpuid-maxval-set", Outcome.LIMIT_CPUID_MAXVAL_SET),
    VCPU_ASSOCIATED("vcpu-associated", Outcome.VCPU_ASSOCIATED),
    VMFAILINVALID("vmfailinvalid", Outcome.VMFAILINVALID),
    SEAMCALL_UD("seamcall-ud", Outcome.SEAMCALL_UD),
    SEAMCALL_GP("seamcall-gp", Outcome.SEAMCALL_GP),
    NON_RECOVERABLE("non-recoverable", Outcome.NON_RECOVERABLE_VCPU_TRIPLE_FAULT);

    public static final String NONE = "none";
    public static final String ALL = "all";

    private final String id;
    private final Outcome status;

    VpEnterError(String id, Outcome status) {
        this.id = id;
        this.status = status;
    }

    public String id() {
        return id;
    }

    public Outcome status() {
        return status;
    }

    /** none, all, then each class: the values of {@code --vp-enter-errors}. */
    public static java.util.List<String> choices() {
        java.util.List<String> l = new java.util.ArrayList<>(java.util.List.of(NONE, ALL));
        Arrays.stream(values()).map(VpEnterError::id).forEach(l::add);
        return l;
    }

    /** The bit mask (bit = ordinal) of a {@code --vp-enter-errors} value. */
    public static int mask(String choice) {
        if (NONE.equals(choice)) {
            return 0;
        }
        if (ALL.equals(choice)) {
            return (1 << values().length) - 1;
        }
        for (VpEnterError e : values()) {
            if (e.id.equals(choice)) {
                return 1 << e.ordinal();
            }
        }
        throw new ModelException("unknown VP.ENTER error class '" + choice + "' (known: "
                + String.join(", ", choices()) + ")");
    }
}
