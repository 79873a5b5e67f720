package tdxcheck.model.tdx;

import java.util.List;

/**
 * What the guest on one vCPU does: its ops in order; then it halts for good, or, when
 * {@code loops}, starts over (a vCPU that enters and exits forever).
 */
public record GuestScript(List<GuestOp> ops, boolean loops) {
    public GuestScript {
        ops = List.copyOf(ops);
    }

    public static GuestScript once(GuestOp... ops) {
        return new GuestScript(List.of(ops), false);
    }

    public static GuestScript forever(GuestOp... ops) {
        return new GuestScript(List.of(ops), true);
    }

    public int length() {
        return ops.size();
    }

    @Override
    public String toString() {
        return ops + (loops ? " forever" : " then halt");
    }
}
