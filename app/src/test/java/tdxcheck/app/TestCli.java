package tdxcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tdxcheck.app.cli.Main;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.tdx.TdxCatalog;

/** Runs the CLI in-process (Main.run) and finds the repository's committed files. */
public final class TestCli {
    /** Exit code, stdout, stderr. */
    public record Outcome(int code, String out, String err) {
        /** Bad input: exit 2, nothing on stdout, exactly one line on stderr, no stack trace; returns the line. */
        public String assertOneLineError() {
            assertEquals(2, code, "exit code; stderr: " + err + "\nstdout: " + out);
            assertEquals("", out, "stdout");
            assertTrue(err.startsWith("tdxcheck: "), err);
            assertTrue(err.endsWith("\n"), err);
            assertEquals(1, err.split("\n", -1).length - 1, "exactly one line: " + err);
            assertFalse(err.contains("Exception"), err);
            assertFalse(err.contains("\tat "), err);
            return err.substring("tdxcheck: ".length(), err.length() - 1);
        }
    }

    private TestCli() {
    }

    public static Outcome run(String... args) {
        return run(new TdxCatalog(), args);
    }

    /** The CLI as {@code main} runs it: the family comes from {@code --family} (ServiceLoader), default tdx. */
    public static Outcome runMain(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static Outcome run(Catalog catalog, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), catalog);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The repository root: the nearest ancestor of the working directory with suites/ and baseline/. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        for (Path d = p; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("suites")) && Files.isDirectory(d.resolve("baseline"))
                    && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root (with suites/ and baseline/) above " + p);
    }

    public static Path baseline() {
        return repoRoot().resolve("baseline/verdicts.json");
    }

    public static Path suites() {
        return repoRoot().resolve("suites");
    }
}
