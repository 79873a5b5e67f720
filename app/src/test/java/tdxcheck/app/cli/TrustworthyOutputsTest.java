package tdxcheck.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.app.TestCli;
import tdxcheck.app.TestCli.Outcome;
import tdxcheck.core.fixtures.FixtureCatalog;

/** Issue 16: the files verify, report and regress write describe exactly the result, and nothing else is clobbered. */
class TrustworthyOutputsTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<String> files(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile).map(p -> d.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void outDirKeepsNoTraceOfAnEarlierRun() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(ExitCodes.VIOLATED, TestCli.run("verify", "--policy", "mmu-part2", "--scenario",
                "frozen-spte-race", "--out", out.toString(), "-q").code());
        assertTrue(Files.exists(out.resolve("traces/frozen-spte-race__mmu-part2__no-zero-step.txt")));
        Outcome o = TestCli.run("verify", "--policy", "upstream", "--scenario", "frozen-spte-race", "--out",
                out.toString(), "-q");
        assertEquals(ExitCodes.OK, o.code(), o.err());
        assertEquals(List.of("report.html", "result.json", "summary.md"), files(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("out"), s.map(p -> p.getFileName().toString()).toList(), "no staging left");
        }
    }

    @Test
    void jsonDashIsStandardOutput() throws IOException {
        Path cwdDash = Path.of("-");
        Files.deleteIfExists(cwdDash);
        Outcome o = TestCli.run("verify", "--scenario", "frozen-spte-race", "--json", "-");
        assertEquals(ExitCodes.OK, o.code(), o.err());
        assertFalse(Files.exists(cwdDash), "no file named '-'");
        JsonNode doc = M.readTree(o.out());
        assertEquals("tdxcheck-result/1", doc.get("schema").asText());
        assertTrue(o.err().contains("frozen-spte-race  upstream"), "the matrix goes to stderr: " + o.err());
    }

    @Test
    void aSymlinkedJsonIsWrittenThroughNotReplaced() throws IOException {
        Path target = dir.resolve("target.json");
        Files.writeString(target, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);
        assertEquals(ExitCodes.OK, TestCli.run("verify", "--scenario", "frozen-spte-race", "--json", link.toString(),
                "-q").code());
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertTrue(Files.readString(target).contains("tdxcheck-result/1"));
    }

    @Test
    void aFifoJsonIsWrittenDirectly() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mk.waitFor());
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "error " + e;
            }
        });
        Outcome o = TestCli.run("verify", "--scenario", "frozen-spte-race", "--json", fifo.toString(), "-q");
        assertEquals(ExitCodes.OK, o.code(), o.err());
        assertTrue(read.get(30, TimeUnit.SECONDS).contains("tdxcheck-result/1"));
        assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS), "still a FIFO");
    }

    @Test
    void aFailedWritePrintsTheVerdictsFirstThenTheFailure() throws IOException {
        // a write that fails only at the end, as on a full disk: a symlink into a missing directory
        // (this sandbox has no /dev/full device; where there is one, it is checked too)
        Path dangling = Files.createSymbolicLink(dir.resolve("r.json"), dir.resolve("gone/r.json"));
        List<String> targets = new ArrayList<>(List.of(dangling.toString()));
        if (Files.exists(Path.of("/dev/full")) && !Files.isRegularFile(Path.of("/dev/full"))) {
            targets.add("/dev/full");
        }
        for (String target : targets) {
            Outcome o = TestCli.run("verify", "--scenario", "frozen-spte-race", "--json", target);
            assertEquals(ExitCodes.OUTPUT_FAILED, o.code(), o.out() + o.err());
            assertTrue(o.out().contains("frozen-spte-race  upstream"), "verdicts printed: " + o.out());
            assertEquals(1, o.err().lines().filter(l -> l.startsWith("tdxcheck: cannot write " + target)).count(),
                    o.err());
            assertFalse(o.err().contains("\tat "), o.err());
        }
        assertTrue(Files.isSymbolicLink(dangling), "never renamed over");
    }

    @Test
    void filesHonourTheUmask() throws IOException {
        Path probe = Files.createFile(dir.resolve("probe"));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(probe);
        Path out = dir.resolve("out");
        Path json = dir.resolve("r.json");
        TestCli.run("verify", "--policy", "mmu-part2", "--scenario", "frozen-spte-race", "--out", out.toString(),
                "--json", json.toString(), "-q");
        assertEquals(expected, Files.getPosixFilePermissions(json));
        for (String f : files(out)) {
            assertEquals(PosixFilePermissions.toString(expected),
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(f))), f);
        }
    }

    @Test
    void regressUpdateKeepsTheBaselineMode() throws IOException {
        Path f = dir.resolve("b.json");
        assertEquals(0, TestCli.run(new FixtureCatalog(), "regress", "--baseline", f.toString(), "--update").code());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(f, Files.readString(f).replaceFirst("\"HOLDS\"", "\"VIOLATED\""));
        assertEquals(0, TestCli.run(new FixtureCatalog(), "regress", "--baseline", f.toString(), "--update").code());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aBaselineWithDuplicateKeysIsRejected() throws IOException {
        Path f = dir.resolve("b.json");
        assertEquals(0, TestCli.run(new FixtureCatalog(), "regress", "--baseline", f.toString(), "--update").code());
        String text = Files.readString(f);
        String dup = text.replaceFirst("\"verdict\": \"HOLDS\"", "\"verdict\": \"VIOLATED\", \"verdict\": \"HOLDS\"");
        assertFalse(text.equals(dup));
        Files.writeString(f, dup);
        String line = TestCli.run(new FixtureCatalog(), "regress", "--baseline", f.toString()).assertOneLineError();
        assertTrue(line.contains("verdict"), line);
    }

    @Test
    void allWithABoundNamesTheBoundAndNeverACompleteCount() throws IOException {
        Path json = dir.resolve("r.json");
        // double-accept: the Linux fault-storm no longer makes the guest see BUSY (its zap takes a released page)
        Outcome o = TestCli.run("verify", "--scenario", "double-accept", "--property", "no-guest-busy,no-vm-dead",
                "--all", "--max-states", "500", "--json", json.toString());
        assertEquals(ExitCodes.VIOLATED, o.code(), o.err());
        String line = o.out().lines().filter(l -> l.startsWith("VIOLATED") && l.contains("no-guest-busy"))
                .findFirst().orElseThrow();
        assertTrue(line.contains("at least 39 violations") && line.contains("count INCONCLUSIVE")
                && line.contains("max-states 500"), line);
        JsonNode run = M.readTree(json.toFile()).get("runs").get(0);
        assertTrue(run.get("stats").get("bound").asText().contains("max-states 500"), run.toString());
        assertTrue(run.get("results").get(0).get("reason").asText().contains("count INCONCLUSIVE"), run.toString());
    }

    @Test
    void theFingerprintCollisionProbabilityIsStated() throws IOException {
        Path json = dir.resolve("r.json");
        Outcome o = TestCli.run("verify", "--scenario", "fault-storm", "--json", json.toString());
        JsonNode stats = M.readTree(json.toFile()).get("runs").get(0).get("stats");
        assertEquals(64, stats.get("fingerprintBits").asInt());
        double p = stats.get("collisionProbability").asDouble();
        long n = stats.get("distinctStates").asLong();
        long g = stats.get("generated").asLong();
        assertEquals(n * (double) (g - n) / Math.pow(2, 64), p, p * 1e-9);
        assertTrue(o.out().contains("fingerprint collision probability"), o.out());
        Outcome exact = TestCli.run("verify", "--scenario", "fault-storm", "--exact", "--json", json.toString());
        assertTrue(exact.out().contains("fingerprint collisions: 0"), exact.out());
        assertEquals(0, M.readTree(json.toFile()).get("runs").get(0).get("stats").get("collisions").asLong());
    }

    @Test
    void twoRunsWritingOneOutDirBothFinish() throws Exception {
        Path out = dir.resolve("out");
        List<CompletableFuture<Outcome>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> TestCli.run("verify", "--policy", "mmu-part2", "--out",
                    out.toString(), "--json", dir.resolve("shared.json").toString(), "-q")));
        }
        for (CompletableFuture<Outcome> f : runs) {
            Outcome o = f.get(120, TimeUnit.SECONDS);
            assertEquals(ExitCodes.VIOLATED, o.code(), o.err());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("out", "shared.json"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertFalse(files(out).stream().anyMatch(f -> f.contains(".tmp") || f.startsWith(".")), files(out).toString());
    }

    @Test
    void everyFileOfACompleteRunSaysSo() throws IOException {
        Path out = dir.resolve("out");
        TestCli.run("verify", "--scenario", "frozen-spte-race,zap-vs-running", "--out", out.toString(), "-q");
        JsonNode doc = M.readTree(out.resolve("result.json").toFile());
        assertEquals("complete", doc.get("status").asText());
        assertEquals(2, doc.get("plannedRuns").asInt());
        assertFalse(Files.readString(out.resolve("summary.md")).contains("interrupted"));
    }

    @Test
    void anOutOfMemoryErrorOutsideTheSearchIsOneLine() {
        FixtureCatalog base = new FixtureCatalog();
        tdxcheck.core.catalog.Catalog oom = new OomCatalog(base);
        Outcome o = TestCli.run(oom, "list");
        assertEquals(ExitCodes.OUT_OF_MEMORY, o.code(), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("tdxcheck: out of memory"), o.err());
    }
}
