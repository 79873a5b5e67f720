package tdxcheck.dpamt.policy;

import java.util.List;
import tdxcheck.core.spi.ModelException;

/** The three refcount policies, the merged one first. */
public final class Policies {
    private Policies() {
    }

    public static List<PamtPolicy> all() {
        return List.of(new GlobalLockPolicy(), new Per2mLockPolicy(), new LockFreePolicy());
    }

    public static PamtPolicy byId(String id) {
        for (PamtPolicy p : all()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new ModelException("unknown PAMT refcount policy '" + id + "' (known: "
                + String.join(", ", all().stream().map(PamtPolicy::id).toList()) + ")");
    }
}
