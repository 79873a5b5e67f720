package tdxcheck.tdbuild;

import java.util.List;

/**
 * How TDH.VP.INIT holds the TDR: shared in 1.5.01 (implicit lock), exclusive for VP.INIT version
 * 1 in 2.0.08, which Linux always calls (tdx-facts §7c.1). Which module version changed it is
 * UNCONFIRMED (§8), so it is a parameter and the baseline pins both values.
 */
public enum VpInitTdr {
    SHARED("shared"), EXCLUSIVE("exclusive");

    private final String id;

    VpInitTdr(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static List<String> ids() {
        return List.of(SHARED.id, EXCLUSIVE.id);
    }

    public static VpInitTdr byId(String id) {
        return id.equals(EXCLUSIVE.id) ? EXCLUSIVE : SHARED;
    }
}
