package tdxcheck.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tdxcheck.reports.result.FairnessVerdict;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

/** The class and fairness of a liveness verdict reach the text, Markdown and HTML reports. */
class FairnessLabelTest {
    private static Run classified() {
        Run lasso = Fixtures.lassoRun();
        PropertyResult old = lasso.results().get(0);
        PropertyResult pr = new PropertyResult(old.property(), Verdict.VIOLATED, old.reason(), 1, "weak", "adversarial",
                List.of(new FairnessVerdict("weak", Verdict.VIOLATED, "adversarial", 1, 7, 89L, 0.01, null),
                        new FairnessVerdict("hw", Verdict.HOLDS, null, 0, null, 120L, 0.02, null)),
                old.counterexample());
        return new Run(lasso.scenario(), lasso.policy(), lasso.params(), lasso.stats(),
                List.of(pr, lasso.results().get(1)));
    }

    @Test
    void labels() {
        PropertyResult pr = classified().results().get(0);
        assertEquals(" adversarial (weak); hw: HOLDS", FairnessLabel.of(pr));
        assertEquals("", FairnessLabel.of(classified().results().get(1)), "safety: nothing added");
    }

    @Test
    void everyReportShowsTheClass() {
        Run run = classified();
        Result result = Result.of("0.1.0", List.of(run));
        String text = new TextTraceRenderer().render(run, run.results().get(0));
        assertTrue(text.contains("property  no-busy-livelock: VIOLATED adversarial (weak); hw: HOLDS"), text);
        String md = new MarkdownSummaryRenderer().render(result);
        assertTrue(md.contains("**VIOLATED** ([trace](") && md.contains(") adversarial (weak); hw: HOLDS |"), md);
        String html = new HtmlReportRenderer().render(result);
        assertTrue(html.contains("<span class=\"fairness\">adversarial (weak); hw: HOLDS</span>"), html);
    }
}
