package tdxcheck.app.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.app.TestRuns;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.check.Checker;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.engine.SearchListener;
import tdxcheck.core.engine.Verdict;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.property.LivenessProperty;
import tdxcheck.core.property.Property;

/**
 * The automatic switch to disk (AutoDisk): a BFS safety run that passes a forced small memory
 * threshold moves its seen-set to disk once, says so, and ends with the counts and verdicts of
 * the in-memory run; the temporary directory is gone afterwards; --no-disk keeps it in memory; a
 * disk that cannot be written gives INCONCLUSIVE with the reason, never HOLDS.
 */
class AutoDiskTest {
    private static CheckTarget safety(String scenario, String preset, Integer vcpus, Integer gpas) {
        Params p = TestRuns.TDX.scenario(scenario).defaults();
        if (vcpus != null) {
            p = p.with("vcpus", vcpus).with("gpas", gpas);
        }
        CheckTarget t = TestRuns.TDX.scenario(scenario).build(p, TestRuns.policy(preset, null, null));
        List<Property> keep = new ArrayList<>();
        for (Property q : t.properties()) {
            if (!(q instanceof LivenessProperty)) {
                keep.add(q);
            }
        }
        return new CheckTarget(t.model(), keep);
    }

    private static final class Notes implements SearchListener {
        final List<String> lines = new ArrayList<>();

        @Override
        public void searchNote(String message) {
            lines.add(message);
        }
    }

    private static void assertSame(CheckResult mem, CheckResult disk, String what) {
        assertEquals(mem.stats().distinctStates(), disk.stats().distinctStates(), what);
        assertEquals(mem.stats().generated(), disk.stats().generated(), what);
        assertEquals(mem.verdicts().size(), disk.verdicts().size(), what);
        for (int i = 0; i < mem.verdicts().size(); i++) {
            assertEquals(mem.verdicts().get(i).verdict(), disk.verdicts().get(i).verdict(), what);
            assertEquals(mem.verdicts().get(i).reason(), disk.verdicts().get(i).reason(), what);
        }
    }

    private static Path movedTo(String note) {
        Matcher m = Pattern.compile("seen-set moved to disk \\((.*?)\\)").matcher(note);
        assertTrue(m.find(), note);
        return Path.of(m.group(1));
    }

    @Test
    void switchingToDiskMidRunKeepsEveryCountAndVerdict(@TempDir Path dir) throws Exception {
        for (String preset : List.of("upstream", "mmu-part2", "sep2024-proposal")) {
            CheckTarget t = safety("fault-storm", preset, 3, 3);
            CheckResult mem = Checker.check(t, SearchConfig.builder().threads(1).autoDisk(false).build(), Fairness.WEAK);
            for (int threads : new int[] {1, 2}) {
                Notes notes = new Notes();
                // 256 KiB: the switch comes after a few thousand states, then the disk set spills often
                CheckResult disk = Checker.check(t, SearchConfig.builder().threads(threads).autoDiskAt(256 << 10)
                        .autoDiskDir(dir).listener(notes).build(), Fairness.WEAK);
                String what = preset + ", " + threads + " thread(s)";
                assertTrue(disk.search().plan().autoDisk(), what);
                assertEquals(1, notes.lines.size(), what + ": " + notes.lines);
                assertTrue(notes.lines.get(0).startsWith("heap running short after "), notes.lines.get(0));
                assertSame(mem, disk, what);
                assertFalse(Files.exists(movedTo(notes.lines.get(0))), "the temporary directory is deleted");
            }
        }
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    /** A violated run: the counterexamples (their lengths are in the reasons) are those of the in-memory run. */
    @Test
    void aSwitchAtTheFirstBarrierKeepsTheCounterexamples(@TempDir Path dir) {
        CheckTarget t = safety("convert-vs-accept", "upstream", null, null);
        CheckResult mem = Checker.check(t, SearchConfig.builder().threads(1).autoDisk(false).build(), Fairness.WEAK);
        Notes notes = new Notes();
        CheckResult disk = Checker.check(t, SearchConfig.builder().threads(1).autoDiskAt(1).autoDiskDir(dir)
                .listener(notes).build(), Fairness.WEAK);
        assertEquals(1, notes.lines.size());
        assertTrue(mem.verdicts().stream().anyMatch(v -> v.verdict() == Verdict.VIOLATED));
        assertSame(mem, disk, "convert-vs-accept");
        for (int i = 0; i < mem.verdicts().size(); i++) {
            if (mem.verdicts().get(i).trace() != null) {
                assertTrue(java.util.Arrays.equals(mem.verdicts().get(i).trace().actions(),
                        disk.verdicts().get(i).trace().actions()), mem.verdicts().get(i).property().id());
            }
        }
    }

    @Test
    void noDiskKeepsTheSeenSetInMemory(@TempDir Path dir) {
        CheckTarget t = safety("fault-storm", "upstream", 3, 2);
        Notes notes = new Notes();
        CheckResult r = Checker.check(t, SearchConfig.builder().threads(1).autoDisk(false).autoDiskAt(1)
                .autoDiskDir(dir).listener(notes).build(), Fairness.WEAK);
        assertFalse(r.search().plan().autoDisk());
        assertEquals(List.of(), notes.lines);
        assertEquals(27176, r.stats().distinctStates());
    }

    /** Nowhere to write: every property INCONCLUSIVE with the disk failure as the reason, none HOLDS. */
    @Test
    void aDiskThatCannotBeWrittenIsInconclusive(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        CheckTarget t = safety("fault-storm", "upstream", 3, 2);
        CheckResult r = Checker.check(t, SearchConfig.builder().threads(1).autoDiskAt(1).autoDiskDir(file.resolve("sub"))
                .build(), Fairness.WEAK);
        for (var v : r.verdicts()) {
            assertEquals(Verdict.INCONCLUSIVE, v.verdict(), v.property().id());
            assertTrue(v.reason().contains("disk failure: cannot create a directory for the disk seen-set"), v.reason());
        }
    }
}
