package tdxcheck.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JPF mode's bad input, which needs no jpf-core: one line and exit 2, never a stack trace.
 * The runs under JPF are tested in the jpf module (built only with -Djpf.home).
 */
class JpfModeInputTest {
    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void oneLine(Outcome o, String expected) {
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains(expected), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertFalse(o.err().contains("\tat "), o.err());
    }

    @Test
    void unreadableJpfHomeIsOneLine(@TempDir Path tmp) {
        oneLine(run("verify", "--engine", "jpf", "--jpf-home", tmp.resolve("missing").toString(),
                "--scenario", "frozen-spte-race"), "cannot read jpf-core directory");
        oneLine(run("crosscheck", "--jpf-home", tmp.resolve("missing").toString(), "--scenario", "frozen-spte-race"),
                "cannot read jpf-core directory");
    }

    @Test
    void aDirectoryThatIsNoBuiltJpfCoreIsOneLine(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("build"));
        oneLine(run("verify", "--engine", "jpf", "--jpf-home", tmp.toString(), "--scenario", "frozen-spte-race"),
                "is not a built jpf-core: build/RunJPF.jar is missing");
    }

    @Test
    void aLivenessOnlySelectionIsOneLine(@TempDir Path tmp) {
        oneLine(run("verify", "--engine", "jpf", "--jpf-home", tmp.toString(), "--scenario", "frozen-spte-race",
                "--property", "no-busy-livelock"), "JPF has no fair-cycle liveness");
    }

    @Test
    void optionsOfOurSearchThatJpfWouldIgnoreAreRefused(@TempDir Path tmp) {
        oneLine(run("verify", "--engine", "jpf", "--jpf-home", tmp.toString(), "--scenario", "frozen-spte-race",
                "--threads", "2", "--exact"), "--engine jpf does not take --threads, --exact: JPF runs its own"
                + " single-threaded search and state store (use --engine own)");
        oneLine(run("verify", "--engine", "jpf", "--jpf-home", tmp.toString(), "--scenario", "frozen-spte-race",
                "--disk", tmp.toString()), "--engine jpf does not take --disk");
        oneLine(run("verify", "--engine", "jpf", "--jpf-home", tmp.toString(), "--scenario", "frozen-spte-race",
                "--swarm", "4"), "--engine jpf does not take --swarm");
        oneLine(run("verify", "--engine", "jpf", "--jpf-home", tmp.toString(), "--scenario", "frozen-spte-race",
                "--dfs", "--bfs"), "give --dfs or --bfs, not both");
    }

    @Test
    void anUnknownEngineIsOneLine() {
        oneLine(run("verify", "--engine", "spin", "--scenario", "frozen-spte-race"), "--engine must be own or jpf");
    }

    /** Shows in the test report why the runs under JPF are not part of this build. */
    @Test
    void runsUnderJpfAreInTheJpfModule() {
        Assumptions.assumeTrue(System.getProperty("jpf.home") != null,
                "JPF tests skipped: no jpf-core given; run mvn -B verify -Djpf.home=DIR (see README, Running under JPF)");
    }
}
