package tdxcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * examples/user-policy, built and tested as a separate Maven project, the way docs/user-policy.md
 * tells a user to: its pom names the tdxcheck coordinates, and the tdxcheck artifacts come from a
 * Maven repository laid out from this build (target/user-repo: each module's pom and jar, as
 * {@code mvn install} would put them). Third-party artifacts are copied from the build's own local
 * repository, read through a file:// mirror, so nothing is downloaded and the shared local
 * repository is never written. Runs in the integration-test phase, when every module's jar exists.
 */
class UserProjectIT {
    private static final List<String> MODULES = List.of("reports", "core", "tdx", "tdx-enable", "td-build", "dpamt", "app",
            "junit");

    @Test
    void theUserPolicyExampleBuildsAndItsTestsPassFromASeparateProject() throws Exception {
        // the user-project execution sets tdxcheck.root; a -Dtest=UserProjectIT run's unit-test
        // phase comes before the jars exist
        Assumptions.assumeTrue(System.getProperty("tdxcheck.root") != null, "runs in mvn verify's integration-test phase");
        Path root = Path.of(System.getProperty("tdxcheck.root", "..")).toAbsolutePath().normalize();
        String version = System.getProperty("tdxcheck.version", "0.1.0");
        Path m2 = Path.of(System.getProperty("tdxcheck.m2", System.getProperty("user.home") + "/.m2/repository"));
        Path work = root.resolve("junit/target/user-project");
        Path repo = root.resolve("junit/target/user-repo");
        delete(work);
        delete(repo.resolve("io/tdxcheck"));

        install(repo, "tdxcheck-parent", version, root.resolve("pom.xml"), null);
        for (String m : MODULES) {
            Path dir = root.resolve(m);
            install(repo, "tdxcheck-" + m, version, dir.resolve("pom.xml"), mainJar(dir.resolve("target"), m));
        }
        copyTree(root.resolve("examples/user-policy"), work);
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, "<settings><mirrors><mirror><id>build-local-repository</id><mirrorOf>*</mirrorOf>"
                + "<url>" + m2.toUri() + "</url></mirror></mirrors></settings>\n");

        List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-Dstyle.color=never", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repo, "test"));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("build.log").toFile()).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String log = Files.readString(work.resolve("build.log"), StandardCharsets.UTF_8);
        assertTrue(done, "the example's build did not finish in 5 minutes:\n" + log);
        assertEquals(0, p.exitValue(), "the example's build failed:\n" + log);
        assertTrue(log.contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0"), log);
        assertTrue(log.contains("Downloaded from build-local-repository") || log.contains("BUILD SUCCESS"), log);
        Path reports = work.resolve("target/tdxcheck/zap-vs-zero-step");
        for (String f : List.of("result.json", "report.html", "summary.md", "junit.xml")) {
            assertTrue(Files.isRegularFile(reports.resolve(f)), f + " written by reportsTo");
        }
        assertTrue(Files.readString(reports.resolve("junit.xml")).contains("kick-on-track-only"));
        assertTrue(Files.isRegularFile(repo.resolve("io/tdxcheck/tdxcheck-junit/" + version + "/tdxcheck-junit-"
                + version + ".jar")));
    }

    /** The module's main jar in target/ (not the tests, sources or javadoc jar, nor the shaded CLI). */
    private static Path mainJar(Path target, String module) throws IOException {
        try (Stream<Path> s = Files.list(target)) {
            List<Path> jars = s.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith("tdxcheck-" + module) && n.endsWith(".jar") && !n.endsWith("-tests.jar")
                        && !n.endsWith("-sources.jar") && !n.endsWith("-javadoc.jar");
            }).toList();
            assertEquals(1, jars.size(), "one main jar in " + target + ": " + jars);
            return jars.get(0);
        }
    }

    /** Lays out {@code artifactId} as {@code mvn install} would: groupId path, version, .pom and .jar. */
    private static void install(Path repo, String artifactId, String version, Path pom, Path jar) throws IOException {
        Path dir = repo.resolve("io/tdxcheck/" + artifactId + "/" + version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifactId + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : s.toList()) {
                Path rel = from.relativize(f);
                if (rel.startsWith("target")) {
                    continue;
                }
                Path t = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
