package tdxcheck.app.cli;

import tdxcheck.core.catalog.Catalog;
import tdxcheck.tdx.TdxCatalog;

/** The one place that decides which catalog the CLI serves: the TDX scenarios. */
public final class CatalogProvider {
    private CatalogProvider() {
    }

    public static Catalog get() {
        return new TdxCatalog();
    }
}
