package tdxcheck.app.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.app.TestCli;
import tdxcheck.app.TestCli.Outcome;

/** The suite-file key {@code family}: must name the run's family (--family), else one line and exit 2. */
class SuiteFamilyKeyTest {
    @TempDir
    Path dir;

    private Path suite(String text) throws IOException {
        Path f = dir.resolve("s.tdx");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aFileOfAnotherFamilySaysWhichFamilyToRun() throws IOException {
        Path f = suite("family = tdx-enable\nscenario = late-cpu-online\norder = v19\n");
        Outcome o = TestCli.runMain("verify", "--suite", f.toString(), "-q");
        assertEquals(2, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("this suite file is for family 'tdx-enable': run it with --family tdx-enable"),
                o.err());
    }

    @Test
    void theRightFamilyRunsAndTheShippedTdxEnableSuitesPass() throws IOException {
        Path f = suite("family = tdx\nscenario = frozen-spte-race\npolicy = upstream\nexpect.no-zero-step = HOLDS\n");
        assertEquals(0, TestCli.runMain("verify", "--suite", f.toString(), "-q").code());
        Outcome o = TestCli.runMain("--family", "tdx-enable", "verify", "--suite",
                TestCli.repoRoot().resolve("suites/tdx-enable").toString(), "-q");
        assertEquals(0, o.code(), o.out() + o.err());
    }
}
