package tdxcheck.app.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.app.TestRuns;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.check.Checker;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.property.LivenessProperty;
import tdxcheck.core.property.Property;
import tdxcheck.core.engine.StoreKind;

/**
 * Past the heap: the disk seen-set never changes a verdict or a count, and a run that does not
 * fit in a forced small heap finishes with --disk, or by itself (the automatic switch), instead of
 * going INCONCLUSIVE as it does with --no-disk.
 */
class DiskSpillTest {
    private static CheckTarget safety(String preset, int vcpus, int gpas) {
        Params p = TestRuns.TDX.scenario("fault-storm").defaults().with("vcpus", vcpus).with("gpas", gpas);
        CheckTarget t = TestRuns.TDX.scenario("fault-storm").build(p, TestRuns.policy(preset, null, null));
        List<Property> keep = new ArrayList<>();
        for (Property q : t.properties()) {
            if (!(q instanceof LivenessProperty)) {
                keep.add(q);
            }
        }
        return new CheckTarget(t.model(), keep);
    }

    @Test
    void spillingToDiskKeepsEveryVerdictAndCount(@TempDir Path dir) {
        for (String preset : List.of("upstream", "mmu-part2", "sep2024-proposal")) {
            CheckTarget t = safety(preset, 3, 3);
            CheckResult mem = Checker.check(t, SearchConfig.builder().threads(1).build(), Fairness.WEAK);
            // a 1024-slot table: it spills every few hundred new states
            CheckResult disk = Checker.check(t, SearchConfig.builder().disk(dir, 1024).build(), Fairness.WEAK);
            assertEquals(StoreKind.DISK, disk.search().plan().store());
            assertEquals(mem.stats().distinctStates(), disk.stats().distinctStates(), preset);
            assertEquals(mem.stats().generated(), disk.stats().generated(), preset);
            for (int i = 0; i < mem.verdicts().size(); i++) {
                assertEquals(mem.verdicts().get(i).verdict(), disk.verdicts().get(i).verdict(), preset);
                assertEquals(mem.verdicts().get(i).reason(), disk.verdicts().get(i).reason(), preset);
            }
        }
    }

    /** A child JVM with a 30 MiB heap: out of memory in memory, a finish on disk with the true count. */
    @Test
    void aRunThatDoesNotFitInTheHeapFinishesOnDisk(@TempDir Path dir) throws Exception {
        CheckTarget t = safety("mmu-part2", 4, 3);
        long states = Checker.check(t, SearchConfig.builder().threads(1).build(), Fairness.WEAK).stats()
                .distinctStates();
        List<String> args = List.of("verify", "--scenario", "fault-storm", "--vcpus", "4", "--gpas", "3", "--policy",
                "mmu-part2", "--property", "no-deadlock,lock-safety", "--threads", "1", "-q", "--json");
        Run inMemory = child(dir, "mem.json", args, List.of("--no-disk"));
        assertEquals(3, inMemory.code, inMemory.out);
        assertTrue(inMemory.json.contains("out of memory (heap limit 30 MiB"), inMemory.json);
        Run onDisk = child(dir, "disk.json", args, List.of("--disk", dir.resolve("spill").toString()));
        assertEquals(0, onDisk.code, onDisk.out);
        assertCount(states, onDisk);
        try (var files = Files.list(dir.resolve("spill"))) {
            assertEquals(0, files.count(), "the fingerprint file is deleted at the end");
        }
        // neither option: the run moves its seen-set to disk by itself (one line on stderr; not -q here)
        Files.createDirectories(dir.resolve("tmp"));
        List<String> loud = new ArrayList<>(args);
        loud.remove("-q");
        Run auto = child(dir, "auto.json", loud, List.of(), "-Djava.io.tmpdir=" + dir.resolve("tmp"));
        assertEquals(0, auto.code, auto.out);
        assertCount(states, auto);
        assertEquals(1, auto.out.lines().filter(l -> l.contains("seen-set moved to disk")).count(), auto.out);
        try (var files = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, files.count(), "the temporary directory is deleted at the end");
        }
    }

    private record Run(int code, String out, String json) {
    }

    private static void assertCount(long states, Run r) {
        assertTrue(r.json.contains("\"distinctStates\" : " + states) || r.json.contains("\"distinctStates\":" + states),
                "the exhaustive count " + states + ": " + r.json.substring(0, Math.min(2000, r.json.length())));
    }

    private static Run child(Path dir, String json, List<String> args, List<String> extra, String... jvm)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx30m"));
        cmd.addAll(List.of(jvm));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "tdxcheck.app.cli.Main"));
        cmd.addAll(args);
        cmd.add(dir.resolve(json).toString());
        cmd.addAll(extra);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        Path j = dir.resolve(json);
        return new Run(code, out, Files.exists(j) ? Files.readString(j, StandardCharsets.UTF_8) : "");
    }
}
