package tdxcheck.harness.cli;

import tdxcheck.harness.scenario.Catalog;
import tdxcheck.harness.scenario.TdxCatalog;

/** The one place that decides which catalog the CLI serves: the TDX scenarios. */
public final class CatalogProvider {
    private CatalogProvider() {
    }

    public static Catalog get() {
        return new TdxCatalog();
    }
}
