package tdxcheck.dpamt;

import java.util.List;

/**
 * Where the PAMT page pair that TDH.PHYMEM.PAMT.ADD installs lies. ADD walks each backing page at
 * 4K S when it is outside the target range (tdx-facts §7b.1 step 2, intel/tdx-module 2.0.12
 * @a56a9173 tdh_phymem_pamt_add.c), and that walk holds the backing page's 2M node S (§7b.3).
 * The pages come from the kernel's allocator, so whether they can lie in a 2M range that itself
 * sees Dynamic PAMT traffic is a model choice (not stated in the sources): both are pinned.
 */
public enum Backing {
    /** In the other modelled range (needs two ranges). */
    OTHER_RANGE("other-range"),
    /** In a range no modelled thread maps: its 2M node is only ever held shared. */
    OUTSIDE("outside");

    private final String id;

    Backing(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static List<String> ids() {
        return List.of(OTHER_RANGE.id, OUTSIDE.id);
    }

    public static Backing byId(String id) {
        return id.equals(OTHER_RANGE.id) ? OTHER_RANGE : OUTSIDE;
    }
}
