package tdxcheck.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.tdx.TdxCatalog;

/** {@code replay} and {@code report} on real TDX results, in-process. */
class ReplayReportCommandTest {
    @TempDir
    Path dir;

    private record Out(int code, String out, String err) {
    }

    private static Out run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), new TdxCatalog());
        return new Out(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private Path verifyMmuPart2() {
        Path json = dir.resolve("r.json");
        // weak fairness: the TRACK-against-VP.ENTER lasso is adversarial, hw does not report it
        Out v = run("verify", "--policy", "mmu-part2", "--scenario", "zap-vs-running,frozen-spte-race",
                "--fairness", "weak", "--json", json.toString(), "-q");
        assertEquals(ExitCodes.VIOLATED, v.code());
        return json;
    }

    @Test
    void everyCounterexampleOfAVerifyReproduces() {
        Out r = run("replay", verifyMmuPart2().toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(3, r.out().lines().filter(l -> l.startsWith("REPRODUCED")).count(), r.out());
        assertTrue(r.out().contains("zap-vs-running [mmu-part2] no-busy-livelock: 10 steps, cycle 4-10"),
                r.out());
    }

    @Test
    void aTamperedStepDiverges() throws Exception {
        Path json = verifyMmuPart2();
        String text = Files.readString(json);
        String tampered = text.replaceFirst("TDX_OPERAND_BUSY\\|TD_EPOCH", "TDX_SUCCESS");
        assertFalse(text.equals(tampered));
        Files.writeString(json, tampered);
        Out r = run("replay", json.toString());
        assertEquals(ExitCodes.VIOLATED, r.code());
        assertTrue(r.out().contains("DIVERGED    zap-vs-running [mmu-part2] no-busy-livelock: step 6 replays as "
                + "'zap TDH.MEM.TRACK [acquire] -> TDX_OPERAND_BUSY|TD_EPOCH'"), r.out());
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path garbage = dir.resolve("g.json");
        Files.writeString(garbage, "{\"schema\": \"something-else\"}");
        for (String[] args : new String[][] {{"replay", dir.resolve("missing.json").toString()},
            {"replay", garbage.toString()}, {"report", garbage.toString(), "--out", dir.toString()}}) {
            Out r = run(args);
            assertEquals(ExitCodes.BAD_INPUT, r.code(), String.join(" ", args));
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(r.err().contains("Exception in") || r.err().contains("\tat "), r.err());
        }
    }

    @Test
    void reportReRendersEveryFileFromTheJson() {
        Path out = dir.resolve("rep");
        Out r = run("report", verifyMmuPart2().toString(), "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        for (String f : new String[] {"result.json", "summary.md", "report.html",
            "traces/zap-vs-running__mmu-part2__no-busy-livelock.txt",
            "traces/frozen-spte-race__mmu-part2__no-zero-step.txt"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
    }
}
