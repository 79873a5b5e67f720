package tdxcheck.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Replay;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Step;
import tdxcheck.reports.result.Verdict;

class TextTraceRendererTest {
    private static String zeroStep(boolean full) {
        Run run = Fixtures.zeroStepRun();
        return new TextTraceRenderer(full).render(run, run.results().get(0));
    }

    private static String lasso(boolean full) {
        Run run = Fixtures.lassoRun();
        return new TextTraceRenderer(full).render(run, run.results().get(0));
    }

    static void assertMailSafe(String text) {
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            assertTrue(line.length() <= TextTraceRenderer.MAX_COLUMNS,
                    "line " + n + " has " + line.length() + " columns: " + line);
            for (char c : line.toCharArray()) {
                assertTrue(c >= 0x20 && c < 0x7f, "line " + n + " has a non-ASCII or control character: " + line);
            }
            assertEquals(line.stripTrailing(), line, "line " + n + " has trailing blanks");
        }
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void zeroStepGolden() throws Exception {
        String t = zeroStep(false);
        assertMailSafe(t);
        Golden.assertMatches("frozen-spte-race__mmu-part2__no-zero-step.txt", t);
    }

    @Test
    void zeroStepFullStateGolden() throws Exception {
        String t = zeroStep(true);
        assertMailSafe(t);
        Golden.assertMatches("frozen-spte-race__mmu-part2__no-zero-step.full.txt", t);
    }

    @Test
    void lassoGolden() throws Exception {
        String t = lasso(false);
        assertMailSafe(t);
        Golden.assertMatches("zap-vs-running__mmu-part2__no-busy-livelock.txt", t);
    }

    @Test
    void zeroStepTraceShowsTheRaceAsAReviewerReadsIt() {
        String t = zeroStep(false);
        assertTrue(t.contains("scenario  frozen-spte-race (vcpus=2, gpas=1, threshold=6, pendingEvents=false)"), t);
        assertTrue(t.contains("policy    mmu-part2 (fault-retry resume-guest, zap-retry retry-forever)"), t);
        assertTrue(t.contains("trace     SAFETY, 24 steps"), t);
        assertTrue(t.contains("locks: sept_tree=shared vcpu0, entry[gpa0]=ex vcpu0"), t);
        assertTrue(t.contains("RET_PF_RETRY (frozen SPTE)"), t);
        assertTrue(t.contains("-> violated after step 24"), t);
        assertFalse(t.contains("back to step"), t);
        // lock fields are shown as locks, not again among the changed fields
        assertFalse(t.contains("lock.sept_tree="), t);
    }

    @Test
    void lassoMarksTheCycleAndLoopsBack() {
        String[] lines = lasso(false).split("\n");
        int cycle = -1;
        int step4 = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("==== cycle 4-10 repeats forever ====")) {
                cycle = i;
            }
            if (lines[i].startsWith("   4. ")) {
                step4 = i;
            }
        }
        assertTrue(cycle >= 0 && step4 == cycle + 1, String.join("\n", lines));
        assertEquals("  -> cycle 4-10 repeats: after step 10 the state is the one after step 3", lines[lines.length - 1]);
        assertTrue(String.join("\n", lines).matches(
                "(?s).*\n   3\\. zap     TDH\\.MEM\\.TRACK +-> TDX_OPERAND_BUSY\\|TD_EPOCH\n.*"));
    }

    @Test
    void longAndNonAsciiContentIsWrappedAndEscaped() {
        Map<String, String> changes = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            changes.put("vcpu" + i + ".some.rather.long.field.name", "value-" + "x".repeat(i));
        }
        changes.put("weird", "caf\u00e9\ttab " + "y".repeat(150));
        Map<String, String> locks = Map.of("lock.epoch", "ex " + "z".repeat(120));
        Step s = new Step(1, "vcpu0", "TDH.SOMETHING.WITH.A.VERY.LONG.NAME ".repeat(4), "TDX_OPERAND_BUSY|"
                + "X".repeat(90), changes, locks, "note \u2014 " + "w ".repeat(80));
        Counterexample cx = new Counterexample("SAFETY", "s\u00fcmmary", null, List.of("vcpu0"),
                Map.of("a", "1"), List.of(s), new Replay(0, List.of(1)));
        Run run = Fixtures.zeroStepRun();
        PropertyResult pr = new PropertyResult("no-kvm-bug", Verdict.VIOLATED, "r", 1, cx);
        for (boolean full : new boolean[] {false, true}) {
            String t = new TextTraceRenderer(full).render(run, pr);
            assertMailSafe(t);
            assertTrue(t.contains("caf\\u00e9"), t);
            assertTrue(t.contains("vcpu29.some.rather.long.field.name="), t);
        }
    }

    @Test
    void refusesAResultWithoutCounterexample() {
        Run run = Fixtures.zeroStepRun();
        assertThrows(IllegalArgumentException.class, () -> new TextTraceRenderer().render(run, run.results().get(1)));
    }

    @Test
    void wholeResultConcatenatesEveryCounterexample() {
        String t = new TextTraceRenderer().render(Fixtures.sample());
        assertMailSafe(t);
        assertEquals(2, t.split("tdxcheck counterexample: ", -1).length - 1);
    }
}
