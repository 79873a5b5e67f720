package tdxcheck.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.Run;

class MarkdownSummaryRendererTest {
    @Test
    void sampleGolden() throws Exception {
        String md = new MarkdownSummaryRenderer().render(Fixtures.sample());
        Golden.assertMatches("summary.md", md);
    }

    @Test
    void matrixHasOneRowPerRunAndOneColumnPerProperty() {
        String md = new MarkdownSummaryRenderer().render(Fixtures.sample());
        List<String> rows = md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| ---")).toList();
        assertEquals(1 + 4, rows.size(), md);
        assertEquals("| scenario | policy | no-zero-step | no-deadlock | no-kvm-bug | lock-safety | no-busy-livelock"
                + " | states | seconds |", rows.get(0));
        assertTrue(rows.get(1).startsWith("| frozen-spte-race | mmu-part2 | **VIOLATED**"
                + " ([trace](traces/frozen-spte-race__mmu-part2__no-zero-step.txt)) | HOLDS | HOLDS | HOLDS | - |"),
                rows.get(1));
        assertTrue(rows.get(1).endsWith("| 1,234 | 0.42 |"), rows.get(1));
        assertTrue(rows.get(4).contains("| local-retry-frozen+kick-before-block |"), rows.get(4));
        assertTrue(rows.get(4).contains("*INCONCLUSIVE*"), rows.get(4));
        assertTrue(md.contains("(traces/zap-vs-running__mmu-part2__no-busy-livelock.txt)"), md);
        assertTrue(md.contains("([dot](lassos/zap-vs-running__mmu-part2__no-busy-livelock.dot))"), md);
        assertTrue(md.contains("**Legend.**"), md);
        md.chars().forEach(c -> assertTrue(c < 0x80, "non-ASCII in the summary"));
    }

    @Test
    void sameScenarioAndPolicyWithOtherParamsGetDistinctRowsAndFiles() {
        Run a = Fixtures.zeroStepRun();
        Run b = new Run(a.scenario(), a.policy(), Fixtures.params(3, 1), a.stats(), a.results());
        String md = new MarkdownSummaryRenderer().render(Result.of("0.1.0", List.of(a, b)));
        assertTrue(md.contains("| frozen-spte-race (vcpus=2, gpas=1, threshold=6, pendingEvents=false) |"), md);
        assertTrue(md.contains("| frozen-spte-race (vcpus=3, gpas=1, threshold=6, pendingEvents=false) |"), md);
        assertTrue(md.contains("traces/frozen-spte-race__vcpus-2__mmu-part2__no-zero-step.txt"), md);
        assertTrue(md.contains("traces/frozen-spte-race__vcpus-3__mmu-part2__no-zero-step.txt"), md);
    }

    @Test
    void emptyResultSaysNothingFinished() {
        String md = new MarkdownSummaryRenderer().render(Result.of("0.1.0", List.of()));
        assertTrue(md.contains("No run has finished yet."), md);
        assertFalse(md.contains("| scenario |"), md);
    }

    @Test
    void escapesMarkupButNotIntrawordUnderscores() {
        assertEquals("TDX_OPERAND_BUSY\\|TD_EPOCH", MarkdownSummaryRenderer.esc("TDX_OPERAND_BUSY|TD_EPOCH"));
        assertEquals("\\_x\\_ \\*y\\* \\<b\\> \\[l\\]", MarkdownSummaryRenderer.esc("_x_ *y* <b> [l]"));
    }
}
