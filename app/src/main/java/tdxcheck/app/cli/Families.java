package tdxcheck.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import tdxcheck.core.catalog.Catalog;

/**
 * The model families on the class path ({@link ServiceLoader} of {@link Catalog}): the TDX family
 * is the default; another family is one more module with a
 * {@code META-INF/services/tdxcheck.core.catalog.Catalog} entry, and no change here.
 */
public final class Families {
    /** The family used when {@code --family} is not given. */
    public static final String DEFAULT = "tdx";

    private Families() {
    }

    public static List<Catalog> all() {
        List<Catalog> l = new ArrayList<>();
        for (Catalog c : ServiceLoader.load(Catalog.class)) {
            l.add(c);
        }
        l.sort((a, b) -> a.family().equals(DEFAULT) ? -1 : b.family().equals(DEFAULT) ? 1
                : a.family().compareTo(b.family()));
        return l;
    }

    /** The family {@code id}; a UserError naming the known ones. */
    public static Catalog find(String id) {
        List<Catalog> all = all();
        for (Catalog c : all) {
            if (c.family().equals(id)) {
                return c;
            }
        }
        throw new UserError("unknown family '" + id + "' (known: "
                + String.join(", ", all.stream().map(Catalog::family).toList()) + ")");
    }
}
