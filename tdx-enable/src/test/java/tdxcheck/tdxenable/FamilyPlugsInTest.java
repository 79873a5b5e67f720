package tdxcheck.tdxenable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tdxcheck.core.catalog.Catalog;

/** The family is a ServiceLoader plug-in (SecondFamilyTest checks no main source of core, app or reports names it). */
class FamilyPlugsInTest {
    @Test
    void serviceLoaderFindsTheFamily() {
        List<String> ids = new ArrayList<>();
        for (Catalog c : ServiceLoader.load(Catalog.class)) {
            ids.add(c.family());
        }
        assertTrue(ids.contains(TdxEnableCatalog.FAMILY), ids.toString());
        assertEquals(List.of("v19", "kai-proposal", "v6.16", "subsys-init"),
                Checks.CATALOG.presets().stream().map(p -> p.id()).toList());
    }
}
