package tdxcheck.tdbuild.guard;

import java.util.List;
import tdxcheck.core.spi.ModelException;

/** The guards: the two posted ones, then the smaller candidates. */
public final class Guards {
    private Guards() {
    }

    public static List<BuildGuard> all() {
        return List.of(new V616Guard(), new AllLocksGuard(), new SlotsLockGuard(), new KvmLockGuard(),
                new VcpuMutexesGuard());
    }

    public static BuildGuard byId(String id) {
        for (BuildGuard g : all()) {
            if (g.id().equals(id)) {
                return g;
            }
        }
        throw new ModelException("unknown guard '" + id + "' (known: "
                + String.join(", ", all().stream().map(BuildGuard::id).toList()) + ")");
    }
}
