package tdxcheck.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.Run;

/** Two runs of one scenario and policy at different sizes can be told apart by name (issue 18). */
class RunLabelsTest {
    private static Run sized(int vcpus, int gpas) {
        Run r = Fixtures.zeroStepRun();
        return new Run(r.scenario(), r.policy(), Fixtures.params(vcpus, gpas), r.stats(), r.results());
    }

    @Test
    void onlyTheParametersThatDifferTellRunsApart() {
        assertEquals(List.of("vcpus=2", "vcpus=3", ""), RunLabels.tags(List.of(sized(2, 1), sized(3, 1),
                Fixtures.lassoRun())));
        assertEquals(List.of("vcpus=2,gpas=1", "vcpus=3,gpas=2"), RunLabels.tags(List.of(sized(2, 1), sized(3, 2))));
        assertEquals(List.of("", ""), RunLabels.tags(List.of(sized(2, 1), Fixtures.lassoRun())), "one run each");
        assertEquals(List.of("", ""), RunLabels.tags(List.of(sized(2, 1), sized(2, 1))), "nothing differs");
    }

    @Test
    void fileNamesSectionTitlesAndMatrixRowsCarryThem() {
        Result r = Result.of("0.1.0", List.of(sized(2, 1), sized(3, 1)));
        List<String> names = ReportNames.counterexamples(r).stream().map(ReportNames.Entry::tracePath).toList();
        assertEquals(List.of("traces/frozen-spte-race__vcpus-2__mmu-part2__no-zero-step.txt",
                "traces/frozen-spte-race__vcpus-3__mmu-part2__no-zero-step.txt"), names);
        String html = new HtmlReportRenderer().render(r);
        for (String tag : List.of("vcpus=2", "vcpus=3")) {
            assertTrue(html.contains("<span class=\"pill violated\">VIOLATED</span> frozen-spte-race <span class=\""
                    + "params\">" + tag + "</span> <span class=\"sep\">/</span>"), tag);
            assertTrue(html.contains("\">frozen-spte-race <span class=\"params\">" + tag + "</span></th>"), tag);
        }
        assertEquals(List.of("traces/frozen-spte-race__mmu-part2__no-zero-step.txt"), ReportNames.counterexamples(
                Result.of("0.1.0", List.of(sized(2, 1)))).stream().map(ReportNames.Entry::tracePath).toList(),
                "a run alone keeps the short name");
    }
}
