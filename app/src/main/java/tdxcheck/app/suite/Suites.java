package tdxcheck.app.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tdxcheck.core.catalog.Catalog;

/**
 * A suite: one or more suite files, each one scenario x policy configuration with its
 * expectations. A directory stands for its {@code *.tdx} files (not recursive), in name order.
 */
public final class Suites {
    /** The extension of suite files found in a directory. */
    public static final String EXTENSION = ".tdx";

    private Suites() {
    }

    /** The suite files named by {@code paths}: files as given, directories expanded, in order. */
    public static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> in;
                try (Stream<Path> s = Files.list(p)) {
                    in = s.filter(f -> f.getFileName().toString().endsWith(EXTENSION) && Files.isRegularFile(f))
                            .sorted().toList();
                } catch (IOException | SecurityException e) {
                    throw new SuiteException("cannot list suite directory " + p + ": " + IoErrors.describe(e));
                }
                if (in.isEmpty()) {
                    throw new SuiteException("no *" + EXTENSION + " suite files in directory " + p);
                }
                files.addAll(in);
            } else if (!Files.exists(p)) {
                throw new SuiteException("cannot read suite file " + p + ": no such file");
            } else {
                files.add(p);
            }
        }
        return files;
    }

    /** Every suite file of {@code paths}, each resolved as defaults &lt; file &lt; {@code commandLine}. */
    public static List<SuiteConfig> load(List<Path> paths, ConfigLayer commandLine, Catalog catalog) {
        List<SuiteConfig> l = new ArrayList<>();
        for (Path f : expand(paths)) {
            ConfigLayer file = ConfigLayer.read(f, catalog);
            l.add(SuiteConfig.resolve(catalog, f.toString(), true, List.of(file, commandLine)));
        }
        return l;
    }

    /** One suite file resolved over the defaults alone. */
    public static SuiteConfig load(Path file, Catalog catalog) {
        return SuiteConfig.resolve(catalog, file.toString(), true, List.of(ConfigLayer.read(file, catalog)));
    }

    /** The {@code --print-config} text of {@code c}: "key = value   # source", aligned. */
    public static String printConfig(SuiteConfig c, String layersNote) {
        int kw = 0;
        int vw = 0;
        for (SuiteConfig.Entry e : c.entries()) {
            kw = Math.max(kw, e.key().length());
            vw = Math.max(vw, e.value().length());
        }
        StringBuilder sb = new StringBuilder("# effective configuration: " + layersNote + "\n");
        for (SuiteConfig.Entry e : c.entries()) {
            sb.append(pad(e.key(), kw)).append(" = ").append(pad(e.value(), vw)).append("  # ").append(e.source())
                    .append('\n');
        }
        if (!c.hasExpectations()) {
            sb.append("# no expect.* keys: exit code 1 on any violation\n");
        }
        return sb.toString();
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }
}
