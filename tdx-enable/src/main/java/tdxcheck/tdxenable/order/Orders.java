package tdxcheck.tdxenable.order;

import java.util.List;
import tdxcheck.core.spi.ModelException;

/** The four orders, oldest first. */
public final class Orders {
    private Orders() {
    }

    public static List<EnableOrder> all() {
        return List.of(new V19Order(), new KaiProposalOrder(), new V616Order(), new SubsysInitOrder());
    }

    public static EnableOrder byId(String id) {
        for (EnableOrder o : all()) {
            if (o.id().equals(id)) {
                return o;
            }
        }
        throw new ModelException("unknown enable order '" + id + "' (known: "
                + String.join(", ", all().stream().map(EnableOrder::id).toList()) + ")");
    }
}
