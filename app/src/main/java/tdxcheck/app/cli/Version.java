package tdxcheck.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The tool version, from the filtered {@code tdxcheck-version.properties} resource. */
public final class Version implements CommandLine.IVersionProvider {
    private static final String VERSION = load();

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/tdxcheck-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static String get() {
        return VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"tdxcheck " + VERSION};
    }
}
