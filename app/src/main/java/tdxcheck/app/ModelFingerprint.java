package tdxcheck.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import tdxcheck.core.catalog.AxisSpec;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.Described;
import tdxcheck.core.catalog.ParamSpec;
import tdxcheck.core.catalog.Preset;
import tdxcheck.core.catalog.Scenario;

/**
 * A fingerprint of the model a result was checked against: SHA-256 over the family's catalog
 * declarations (scenarios with their defaults, parameters with ranges, policy axes, presets,
 * properties) and the bytes of the model code (every {@code tdxcheck} class of the checker core and
 * of the families on the class path; not the CLI, reports or JUnit API, which cannot change a
 * verdict). Equal fingerprints, same model; a changed policy class, lock rule or default changes it.
 * The class bytes are the same in the module jars, the shaded CLI jar and target/classes, so the
 * CLI and the JUnit API agree. Shown as {@code family:sha256:<16 hex>}.
 */
public final class ModelFingerprint {
    /** Class files outside the model: changing them cannot change a verdict. */
    private static final List<String> NOT_MODEL = List.of("tdxcheck/app/", "tdxcheck/reports/", "tdxcheck/junit/");

    private ModelFingerprint() {
    }

    /** {@code tdx:sha256:0123456789abcdef}. */
    public static String of(Catalog catalog) {
        MessageDigest md = sha256();
        md.update(declarations(catalog).getBytes(StandardCharsets.UTF_8));
        md.update(ModelClasses.DIGEST);
        return catalog.family() + ":sha256:" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    /** The declarations as text, one per line, in the catalog's order. */
    static String declarations(Catalog c) {
        StringBuilder sb = new StringBuilder();
        sb.append("family ").append(c.family()).append('\n');
        for (Scenario s : c.scenarios()) {
            sb.append("scenario ").append(s.id()).append(' ').append(s.defaults().byName()).append('\n');
        }
        sb.append("default-scenarios ").append(c.defaultScenarioIds()).append('\n');
        for (ParamSpec p : c.params()) {
            sb.append("param ").append(p.name()).append(' ').append(p.jsonKey()).append(' ').append(p.range()).append('\n');
        }
        for (AxisSpec a : c.axes()) {
            sb.append("axis ").append(a.name()).append(' ').append(a.values().stream().map(Described::id).toList())
                    .append('\n');
        }
        for (Preset p : c.presets()) {
            sb.append("preset ").append(p.id()).append(' ').append(p.choices()).append('\n');
        }
        sb.append("default-preset ").append(c.defaultPreset()).append('\n');
        for (Described p : c.properties()) {
            sb.append("property ").append(p.id()).append('\n');
        }
        return sb.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
    }

    /** The digest of the model classes, computed once (the class files do not change while running). */
    private static final class ModelClasses {
        static final byte[] DIGEST = digest();

        private static byte[] digest() {
            List<Class<?>> anchors = new ArrayList<>();
            anchors.add(Catalog.class);
            for (Catalog c : ServiceLoader.load(Catalog.class)) {
                anchors.add(c.getClass());
            }
            // class file name -> bytes, sorted, each once (the shaded jar holds them all; the
            // module jars or target/classes one family each)
            TreeMap<String, byte[]> classes = new TreeMap<>();
            for (Class<?> a : anchors) {
                CodeSource cs = a.getProtectionDomain().getCodeSource();
                if (cs != null && cs.getLocation() != null) {
                    read(cs.getLocation(), classes);
                }
            }
            MessageDigest md = sha256();
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue());
            }
            return md.digest();
        }

        private static boolean model(String name) {
            return name.startsWith("tdxcheck/") && name.endsWith(".class")
                    && NOT_MODEL.stream().noneMatch(name::startsWith);
        }

        private static void read(URL location, TreeMap<String, byte[]> into) {
            try {
                Path p = Path.of(location.toURI());
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.walk(p)) {
                        for (Path f : s.filter(Files::isRegularFile).toList()) {
                            String name = p.relativize(f).toString().replace('\\', '/');
                            if (model(name)) {
                                into.putIfAbsent(name, Files.readAllBytes(f));
                            }
                        }
                    }
                } else if (Files.isRegularFile(p)) {
                    try (JarFile jar = new JarFile(p.toFile())) {
                        for (JarEntry e : jar.stream().toList()) {
                            if (!e.isDirectory() && model(e.getName()) && !into.containsKey(e.getName())) {
                                try (InputStream in = jar.getInputStream(e)) {
                                    into.put(e.getName(), in.readAllBytes());
                                }
                            }
                        }
                    }
                }
            } catch (IOException | URISyntaxException | IllegalArgumentException e) {
                // an unreadable location contributes nothing; the declarations still count
            }
        }
    }
}
