package tdxcheck.harness.cli;

import tdxcheck.harness.fixtures.FixtureCatalog;
import tdxcheck.harness.scenario.Catalog;

/** The one place that decides which catalog the CLI serves. Fixtures until the TDX catalog lands. */
public final class CatalogProvider {
    private CatalogProvider() {
    }

    public static Catalog get() {
        return new FixtureCatalog();
    }
}
