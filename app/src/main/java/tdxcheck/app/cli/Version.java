package tdxcheck.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import tdxcheck.app.ModelFingerprint;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.reports.result.Tool;

/**
 * The tool version and the commit it was built from, from the filtered
 * {@code tdxcheck-version.properties} resource (the commit comes from {@code git describe} at build
 * time, see app/pom.xml), and the model fingerprint ({@link ModelFingerprint}).
 */
public final class Version implements CommandLine.IVersionProvider {
    private static final Properties PROPS = load();
    private static final String VERSION = value("version");
    private static final String COMMIT = value("commit");

    private final Catalog catalog;

    public Version() {
        this(null);
    }

    Version(Catalog catalog) {
        this.catalog = catalog;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/tdxcheck-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no properties: every value reads "unknown"
        }
        return p;
    }

    private static String value(String key) {
        String v = PROPS.getProperty(key, "").strip();
        return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    }

    public static String get() {
        return VERSION;
    }

    /** The commit the tool was built from ("-dirty" with uncommitted changes), or "unknown". */
    public static String commit() {
        return COMMIT;
    }

    /** The result JSON's tool object: version, commit and the model fingerprint of {@code catalog}. */
    public static Tool tool(Catalog catalog) {
        return new Tool("tdxcheck", VERSION, COMMIT, ModelFingerprint.of(catalog));
    }

    @Override
    public String[] getVersion() {
        if (catalog == null) {
            return new String[] {"tdxcheck " + VERSION + " (commit " + COMMIT + ")"};
        }
        return new String[] {"tdxcheck " + VERSION + " (commit " + COMMIT + ")",
            "model " + ModelFingerprint.of(catalog)};
    }
}
