package tdxcheck.app.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tdxcheck.core.catalog.Catalog;

/**
 * One layer of configuration: the settings of one suite file, or of the command line, each
 * already parsed and checked against {@link ConfigKey} and remembering its {@link Source}.
 * Layers stack as in JPF's .jpf files: built-in defaults &lt; suite file &lt; command line
 * ({@link SuiteConfig#resolve}).
 *
 * <p>Suite file syntax: one {@code key = value} per line; blank lines and lines starting with
 * {@code #} are ignored, and so is a {@code #} comment after whitespace at the end of a line.
 * A key may appear once per file. Keys and their types are {@link ConfigKey}'s, plus {@code family}
 * (the family the file is for, checked against the run's and otherwise ignored).
 */
public final class ConfigLayer {
    /** One parsed setting. */
    public record Setting(String name, ConfigKey key, String raw, Object value, Source source) {
    }

    private final String name;
    private final Map<String, Setting> settings;

    private ConfigLayer(String name, Map<String, Setting> settings) {
        this.name = name;
        this.settings = settings;
    }

    /** The file name, or "command line". */
    public String name() {
        return name;
    }

    public Setting get(String key) {
        return settings.get(key);
    }

    public Collection<Setting> settings() {
        return settings.values();
    }

    /** The settings of the {@code expect.*} family, in file order. */
    public List<Setting> expectations() {
        List<Setting> l = new ArrayList<>();
        for (Setting s : settings.values()) {
            if (s.key() == ConfigKey.EXPECT) {
                l.add(s);
            }
        }
        return l;
    }

    /** Reads and parses a suite file; {@code shownName} is how messages name it (the path as given). */
    public static ConfigLayer read(Path file, Catalog catalog) {
        String shown = file.toString();
        if (Files.isDirectory(file)) {
            throw new SuiteException("cannot read suite file " + shown + ": it is a directory");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            throw new SuiteException("cannot read suite file " + shown + ": " + IoErrors.describe(e));
        }
        return parse(text, shown, catalog);
    }

    /** Parses suite-file text; {@code fileName} is used in messages and sources. */
    public static ConfigLayer parse(String text, String fileName, Catalog catalog) {
        Map<String, Setting> m = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            line = stripComment(line).strip();
            if (line.isEmpty()) {
                continue;
            }
            Source at = Source.file(fileName, lineNo);
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new SuiteException("expected 'key = value' in " + at.where() + ", got '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String raw = line.substring(eq + 1).strip();
            if (key.equals(FAMILY)) {
                checkFamily(raw, at, catalog);
                continue;
            }
            Setting prev = m.get(key);
            if (prev != null) {
                throw new SuiteException("key '" + key + "' set twice in " + fileName + " (lines "
                        + prev.source().line() + " and " + lineNo + ")");
            }
            m.put(key, setting(key, raw, at, catalog));
        }
        return new ConfigLayer(fileName, m);
    }

    /**
     * The optional {@code family} key: the file names the model family it was written for; it
     * must be the family of this run ({@code --family}), else one clear line instead of a
     * confusing "unknown scenario".
     */
    public static final String FAMILY = "family";

    private static void checkFamily(String family, Source at, Catalog catalog) {
        if (!family.equals(catalog.family())) {
            throw new SuiteException(at.where() + ": this suite file is for family '" + family
                    + "': run it with --family " + family + " (this run's family is " + catalog.family() + ")");
        }
    }

    private static Setting setting(String key, String raw, Source at, Catalog catalog) {
        ConfigKey k = ConfigKey.lookup(key, catalog);
        if (k == null) {
            throw ConfigKey.unknownKey(key, at, catalog);
        }
        return new Setting(key, k, raw, k.parse(key, raw, at, catalog), at);
    }

    private static String stripComment(String line) {
        String t = line.stripLeading();
        if (t.startsWith("#")) {
            return "";
        }
        for (int i = 1; i < line.length(); i++) {
            if (line.charAt(i) == '#' && Character.isWhitespace(line.charAt(i - 1))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** Builds the command-line layer; each value goes through the same catalogue as a file's. */
    public static Builder commandLine(Catalog catalog) {
        return new Builder(catalog);
    }

    /** The command-line layer, built option by option. */
    public static final class Builder {
        private final Catalog catalog;
        private final Map<String, Setting> m = new LinkedHashMap<>();

        private Builder(Catalog catalog) {
            this.catalog = catalog;
        }

        /** A value given by {@code option} (e.g. {@code --vcpus}) for {@code key}. */
        public Builder option(ConfigKey key, String raw, String option) {
            put(key.name(), raw, Source.commandLine(option));
            return this;
        }

        /** {@code --set KEY=VALUE}: any key of the catalogue, including {@code expect.*}. */
        public Builder set(String assignment) {
            int eq = assignment.indexOf('=');
            Source at = Source.commandLine("--set " + assignment);
            if (eq <= 0) {
                throw new SuiteException("expected KEY=VALUE in " + at.where());
            }
            put(assignment.substring(0, eq).strip(), assignment.substring(eq + 1), at);
            return this;
        }

        private void put(String key, String raw, Source at) {
            // a later option wins over an earlier one on the command line, as picocli does
            ConfigKey k = ConfigKey.lookup(key, catalog);
            if (k == null) {
                throw ConfigKey.unknownKey(key, at, catalog);
            }
            m.remove(key);
            m.put(key, new Setting(key, k, raw.strip(), k.parse(key, raw, at, catalog), at));
        }

        public ConfigLayer build() {
            return new ConfigLayer("command line", new LinkedHashMap<>(m));
        }
    }
}
