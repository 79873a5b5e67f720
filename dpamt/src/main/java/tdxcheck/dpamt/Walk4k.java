package tdxcheck.dpamt;

import java.util.List;

/**
 * Whether a 4K-level PAMT lock (PAGE.AUG and PAGE.REMOVE on their target page) holds the 2M PAMT
 * node shared. tdx-facts §7b.3 derives it (with Dynamic PAMT the 4K entries live in the 2M node's
 * page pair, so the walk passes the node in S) and calls the resulting risk UNCONFIRMED, so it is a
 * model choice and both values are pinned.
 */
public enum Walk4k {
    /** The 4K walk holds the 2M node S (derived, §7b.3). */
    NODE_SHARED("node-shared"),
    /** The 4K lock is the leaf entry's alone. */
    LEAF_ONLY("leaf-only");

    private final String id;

    Walk4k(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static List<String> ids() {
        return List.of(NODE_SHARED.id, LEAF_ONLY.id);
    }

    public static Walk4k byId(String id) {
        return id.equals(LEAF_ONLY.id) ? LEAF_ONLY : NODE_SHARED;
    }
}
