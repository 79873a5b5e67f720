package tdxcheck.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Replay;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Step;
import tdxcheck.reports.result.Verdict;

class DotRendererTest {
    @Test
    void lassoGolden() throws Exception {
        Run run = Fixtures.lassoRun();
        String dot = new DotRenderer().render(run, run.results().get(0));
        Golden.assertMatches("zap-vs-running__mmu-part2__no-busy-livelock.dot", dot);
    }

    @Test
    void lassoHasOneNodePerDistinctStateAndADistinctBackEdge() {
        Run run = Fixtures.lassoRun();
        String dot = new DotRenderer().render(run, run.results().get(0));
        // 10 steps, the last returns to the state after step 3: nodes s0..s9
        assertEquals(10, dot.lines().filter(l -> l.matches("  s\\d+ \\[.*")).count(), dot);
        assertEquals(10, dot.lines().filter(l -> l.contains(" -> ")).count(), dot);
        String back = dot.lines().filter(l -> l.startsWith("  s9 -> s3 ")).findFirst().orElseThrow();
        assertTrue(back.contains("style=\"dashed,bold\"") && back.contains("(cycle 4-10 closes)"), back);
        assertTrue(dot.contains("s2 -> s3 [label=\"3. zap: TDH.MEM.TRACK / TDX_OPERAND_BUSY|TD_EPOCH\""), dot);
    }

    @Test
    void quotesAndBackslashesAreEscaped() {
        Step s = new Step(1, "vcpu0", "say \"hi\" \\ there", "", Map.of(), Map.of(), "");
        Counterexample cx = new Counterexample("LIVENESS", "", 0, List.of("vcpu0"), Map.of(), List.of(s),
                new Replay(0, List.of(0)));
        String dot = new DotRenderer().render(Fixtures.lassoRun(),
                new PropertyResult("no-busy-livelock", Verdict.VIOLATED, "", 1, cx));
        assertTrue(dot.contains("s0 -> s0 [label=\"1. vcpu0: say \\\"hi\\\" \\\\ there\\n(cycle 1-1 closes)\""), dot);
    }
}
