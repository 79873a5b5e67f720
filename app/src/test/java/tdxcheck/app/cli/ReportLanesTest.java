package tdxcheck.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.app.TestCli;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Step;

/**
 * The report explains the headline counterexample (issue 18): in frozen-spte-race under
 * mmu-part2, vcpu1's RET_PF_RETRY at step 8 says who froze the non-leaf SPTE and since when, the
 * HTML draws that SPTE as a resource lane held by vcpu0 from step 6, vcpu0 is "preempted" from
 * step 7 to the end, and each actor has one colour in the legend, on its bars and in every
 * counterexample.
 */
class ReportLanesTest {
    @TempDir
    static Path tmp;
    static Result result;
    static String html;
    static Path out;

    @BeforeAll
    static void verify() throws Exception {
        out = tmp.resolve("out");
        TestCli.Outcome r = TestCli.run("verify", "--scenario", "frozen-spte-race,zap-vs-zero-step,accept-vs-remove",
                "--policy", "mmu-part2", "--out", out.toString());
        assertEquals(1, r.code(), r.err());
        result = ResultJson.read(out.resolve("result.json"));
        html = Files.readString(out.resolve("report.html"));
    }

    private static Counterexample cx(String scenario, String property) {
        for (Run run : result.runs()) {
            if (run.scenario().equals(scenario)) {
                return run.result(property).counterexample();
            }
        }
        throw new AssertionError(scenario);
    }

    /** The HTML section of a counterexample, found by its title. */
    private static String section(String scenario, String property) {
        String title = scenario + " <span class=\"sep\">/</span> mmu-part2 <span class=\"sep\">/</span> " + property
                + "</h2>";
        int at = html.indexOf(title);
        assertTrue(at >= 0, title);
        int from = html.lastIndexOf("<section class=\"cx\"", at);
        return html.substring(from, html.indexOf("</section>", at));
    }

    /** from, to, holder, fill of each bar of a lane. */
    private static List<String[]> bars(String section, String attr, String lane) {
        int from = section.indexOf(attr + "=\"" + lane + "\">");
        assertTrue(from >= 0, "lane " + lane);
        Matcher m = Pattern.compile("<g class=\"hold\" data-from=\"(\\d+)\" data-to=\"(\\d+)\" data-holder=\"([^\"]*)\">"
                + "<title>[^<]*</title><rect [^>]*fill=\"(#[0-9a-f]{6})\"")
                .matcher(section.substring(from, section.indexOf("</g>\n", from)));
        List<String[]> bars = new ArrayList<>();
        while (m.find()) {
            bars.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
        }
        return bars;
    }

    private static Map<String, String> legend(String section) {
        Matcher m = Pattern.compile("<span class=\"legend-actor\" data-actor=\"([^\"]+)\"><svg[^>]*><rect [^>]*fill=\""
                + "(#[0-9a-f]{6})\"").matcher(section);
        Map<String, String> colours = new LinkedHashMap<>();
        while (m.find()) {
            colours.put(m.group(1), m.group(2));
        }
        return colours;
    }

    @Test
    void theRetryAtStep8NamesTheFrozenSpteAndItsHolder() {
        Counterexample cx = cx("frozen-spte-race", "no-zero-step");
        Step s8 = cx.steps().get(7);
        assertEquals("vcpu1", s8.actor());
        assertEquals("RET_PF_RETRY (FROZEN_SPTE)", s8.outcome());
        assertEquals("RET_PF_RETRY (FROZEN_SPTE): non-leaf SPTE frozen by vcpu0 since step 6", s8.note());
        assertEquals("-", cx.initialResources().get("spte[pde]"));
        assertEquals("-", cx.steps().get(4).resources().get("spte[pde]"));
        for (int i = 6; i <= 31; i++) {
            assertEquals("frozen by vcpu0", cx.steps().get(i - 1).resources().get("spte[pde]"), "step " + i);
        }
        assertEquals(List.of("spte[pde]", "spte[gpa0]", "wait_for_sept_zap"), List.copyOf(s8.resources().keySet()));
    }

    @Test
    void theHtmlDrawsTheFrozenSpteLaneHeldByVcpu0FromStep6() {
        String s = section("frozen-spte-race", "no-zero-step");
        List<String[]> pde = bars(s, "data-resource", "spte[pde]");
        assertEquals(1, pde.size());
        assertEquals("6", pde.get(0)[0], "frozen since step 6");
        assertEquals("31", pde.get(0)[1], "still frozen at the end, so at step 8");
        assertEquals("frozen by vcpu0", pde.get(0)[2]);
        assertEquals(legend(s).get("vcpu0"), pde.get(0)[3], "the bar is vcpu0's colour");
        assertEquals(0, bars(s, "data-resource", "spte[gpa0]").size());
        assertEquals(0, bars(s, "data-resource", "wait_for_sept_zap").size());
        assertTrue(s.contains("<div class=\"step-note\">RET_PF_RETRY (FROZEN_SPTE): non-leaf SPTE frozen by vcpu0"
                + " since step 6</div>"));
        // the zap scenario has the invalidation window lane: the zap holds it from its write_lock to invalidate_end
        List<String[]> window = bars(section("zap-vs-zero-step", "no-busy-livelock"), "data-resource", "mmu_invalidate");
        assertEquals(1, window.size());
        assertEquals("6", window.get(0)[0]);
        assertEquals("19", window.get(0)[1]);
        assertEquals("gpa2 by zap", window.get(0)[2]);
    }

    @Test
    void everyActorHasOneColourInEveryLegendAndOnItsBars() {
        Map<String, String> frozen = legend(section("frozen-spte-race", "no-zero-step"));
        Map<String, String> zap = legend(section("zap-vs-zero-step", "no-busy-livelock"));
        assertEquals(List.of("vcpu0", "vcpu1", "guest0", "guest1"), List.copyOf(frozen.keySet()));
        assertEquals(List.of("vcpu0", "vcpu1", "guest0", "guest1", "zap"), List.copyOf(zap.keySet()));
        for (String a : frozen.keySet()) {
            assertEquals(frozen.get(a), zap.get(a), a);
        }
        String s = section("frozen-spte-race", "no-zero-step");
        assertEquals(frozen.get("vcpu0"), bars(s, "data-lock", "lock.mmu").get(0)[3], "mmu held by vcpu0");
        for (String[] b : bars(s, "data-lock", "lock.epoch")) {
            if (b[2].equals("shared vcpu1")) {
                assertEquals(frozen.get("vcpu1"), b[3]);
            }
        }
    }

    @Test
    void vcpu0IsPreemptedFromStep7AndNothingElseIs() throws Exception {
        List<String> noted = new ArrayList<>();
        for (Run run : result.runs()) {
            run.results().forEach(pr -> {
                if (pr.counterexample() != null) {
                    for (Step st : pr.counterexample().steps()) {
                        if (st.note().contains("preempted")) {
                            noted.add(run.scenario() + " " + pr.property() + " " + st.index() + ": " + st.note());
                        }
                    }
                }
            });
        }
        assertEquals(List.of(
                "frozen-spte-race no-zero-step 31: vcpu0 preempted in steps 7-31",
                "frozen-spte-race no-busy-livelock 33: vcpu0 preempted in steps 10-32",
                // the ACCEPT of FREE gpa1 takes its entry lock (acquire, then complete: two steps); the
                // shortest lasso enters its cycle between the two and runs the zap before vcpu1 enters
                "zap-vs-zero-step no-busy-livelock 15: vcpu1 preempted in steps 1-14",
                "zap-vs-zero-step no-busy-livelock 22: vcpu0 preempted in steps 6-21"), noted);
        String s = section("frozen-spte-race", "no-zero-step");
        assertTrue(s.contains("<g class=\"preempted\" data-actor=\"vcpu0\" data-from=\"7\" data-to=\"31\">"));
        assertFalse(section("accept-vs-remove", "no-guest-busy").contains("preempted\" data-actor"));
        String text = Files.readString(out.resolve("traces/frozen-spte-race__mmu-part2__no-zero-step.txt"));
        assertTrue(text.contains("\n      note: vcpu0 preempted in steps 7-31\n"), text);
        assertTrue(text.lines().allMatch(l -> l.length() <= 80));
        assertFalse(Files.readString(out.resolve("traces/accept-vs-remove__mmu-part2__no-guest-busy.txt"))
                .contains("preempted"));
        assertNotNull(TestCli.run("replay", out.resolve("result.json").toString()));
        assertEquals(0, TestCli.run("replay", out.resolve("result.json").toString()).code(), "every trace replays");
    }

    @Test
    void twoSizesOfOneScenarioAreToldApartInTheMatrix() {
        Run two = result.runs().get(0);
        Map<String, Object> params = new LinkedHashMap<>(two.params());
        params.put("vcpus", 3);
        Run three = new Run(two.scenario(), two.policy(), params, two.stats(), two.results());
        String matrix = VerdictMatrix.render(List.of(two, three));
        assertTrue(matrix.contains("\nfrozen-spte-race vcpus=2  mmu-part2  "), matrix);
        assertTrue(matrix.contains("\nfrozen-spte-race vcpus=3  mmu-part2  "), matrix);
        assertTrue(matrix.contains("VIOLATED      frozen-spte-race vcpus=3 [mmu-part2] no-zero-step: "), matrix);
        assertTrue(VerdictMatrix.render(List.of(two)).contains("\nfrozen-spte-race  mmu-part2  "), "alone: no tag");
    }
}
