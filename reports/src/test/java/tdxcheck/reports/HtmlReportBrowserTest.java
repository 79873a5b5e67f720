package tdxcheck.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Replay;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Step;
import tdxcheck.reports.result.Verdict;

/**
 * report.html in real headless Chromium (the Debian package, driven over the DevTools protocol):
 * no console errors, the lane diagram, keyboard and mouse stepping, and a screenshot saved to
 * target/report-screenshot.png. Skipped, with the reason, when no chromium is installed.
 */
@Timeout(180)
class HtmlReportBrowserTest {
    private static final Path TARGET = Path.of(System.getProperty("basedir", ".")).resolve("target");
    private static HeadlessChromium browser;

    private static final String NO_CHROMIUM = "chromium is not installed (apt-get install -y chromium, or set"
            + " CHROMIUM_BIN): skipping the browser test of report.html";

    @BeforeAll
    static void start() throws Exception {
        Path bin = HeadlessChromium.find();
        if (bin == null) {
            System.err.println("HtmlReportBrowserTest: " + NO_CHROMIUM);
            return;
        }
        browser = HeadlessChromium.launch(bin, 1400, 1000);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(browser != null, NO_CHROMIUM);
    }

    private static Path write(Result r, String dirName) throws Exception {
        Path out = TARGET.resolve(dirName);
        new ReportWriter().withSvg(false).write(r, out);
        SchemaAssert.assertValid(Files.readString(out.resolve("result.json")), dirName + "/result.json");
        return out.resolve("report.html").toAbsolutePath();
    }

    private static String current(String section) throws Exception {
        return browser.eval("document.querySelector('" + section + "').dataset.current").asText();
    }

    private static String highlighted(String section) throws Exception {
        return browser.eval("(function(){var m=document.querySelector('" + section
                + " svg.lanes .marker.cur');return m?m.dataset.step:'none';})()").asText();
    }

    private static void assertNoErrors(int before) {
        List<String> errs = browser.errors();
        assertEquals(List.of(), errs.subList(before, errs.size()), "console errors or exceptions in report.html");
    }

    @Test
    void explorerStepsThroughTheLaneDiagram() throws Exception {
        int errs0 = browser.errors().size();
        Path html = write(Fixtures.sample(), "browser-report");
        browser.navigate(html.toUri().toString());

        assertEquals(2, browser.eval("document.querySelectorAll('section.cx svg.lanes').length").asInt());
        // one lane per actor, in Counterexample.actors order, then one per lock
        assertEquals("vcpu0,vcpu1,guest0,guest1", browser.eval("Array.from(document.querySelectorAll("
                + "'#cx-1 svg.lanes .actor-lane')).map(function(g){return g.dataset.actor;}).join()").asText());
        assertEquals("lock.epoch,lock.sept_tree,lock.entry[gpa0]", browser.eval("Array.from(document.querySelectorAll("
                + "'#cx-1 svg.lanes .lock-lane')).map(function(g){return g.dataset.lock;}).join()").asText());
        assertEquals(5, browser.eval("document.querySelectorAll('#cx-2 svg.lanes .actor-lane').length").asInt());
        // holds as bars labelled with the holder: sept_tree and entry[gpa0] held from step 4 to the end
        assertEquals("4-24", browser.eval("(function(){var g=document.querySelector('#cx-1 [data-lock=\"lock.sept_tree\"]"
                + " .hold');return g.dataset.from+'-'+g.dataset.to;})()").asText());
        assertTrue(browser.eval("document.querySelector('#cx-1 [data-lock=\"lock.entry[gpa0]\"] .hold-label')"
                + ".textContent").asText().contains("vcpu0"));
        assertEquals(2, browser.eval("document.querySelectorAll('#cx-2 .marker.busy').length").asInt());
        assertEquals(1, browser.eval("document.querySelectorAll('#cx-2 .cycle-band').length").asInt());
        assertEquals("cycle 4-10 closes", browser.eval("document.querySelector('#cx-2 .back-label').textContent").asText());

        // keyboard: the first counterexample is active; ArrowRight moves the highlight
        assertEquals("0", current("#cx-1"));
        assertEquals("none", highlighted("#cx-1"));
        double cursor0 = browser.eval("+document.querySelector('#cx-1 .cursor').getAttribute('x')").asDouble();
        browser.press("ArrowRight", "ArrowRight", 39);
        assertEquals("1", current("#cx-1"));
        assertEquals("1", highlighted("#cx-1"));
        assertNotEquals(cursor0, browser.eval("+document.querySelector('#cx-1 .cursor').getAttribute('x')").asDouble());
        assertTrue(browser.eval("document.querySelector('#cx-1 aside.panel').textContent").asText()
                .contains("TDH.VP.ENTER"));
        browser.press("j", "KeyJ", 74);
        browser.press("j", "KeyJ", 74);
        assertEquals("3", current("#cx-1"));
        browser.press("k", "KeyK", 75);
        assertEquals("2", highlighted("#cx-1"));
        browser.press("End", "End", 35);
        assertEquals("24", current("#cx-1"));
        String panel = browser.eval("document.querySelector('#cx-1 aside.panel').innerText").asText();
        assertTrue(panel.contains("vcpu1.zs.gpa") && panel.contains("gpa0") && panel.contains("zero-step mode"), panel);
        assertTrue(panel.contains("shared vcpu0"), panel);
        browser.press("ArrowRight", "ArrowRight", 39);
        assertEquals("24", current("#cx-1"), "stays on the last step");
        browser.press("Home", "Home", 36);
        assertEquals("0", current("#cx-1"));
        assertEquals("0", browser.eval("document.querySelector('#cx-2').dataset.current").asText(),
                "keys act on the active counterexample only");

        // mouse: clicking a step's marker selects it
        JsonNode box = browser.eval("(function(){var r=document.querySelector('#cx-1 .marker[data-step=\"6\"]')"
                + ".getBoundingClientRect();return {x:r.x+r.width/2,y:r.y+r.height/2};})()");
        browser.click(box.get("x").asDouble(), box.get("y").asDouble());
        assertEquals("6", current("#cx-1"));
        assertTrue(browser.eval("document.querySelector('#cx-1 aside.panel .outcome').textContent").asText()
                .contains("EPT_VIOLATION"));

        // the lasso: activate it by clicking its step list, then walk to the end
        browser.eval("document.querySelector('#cx-2').scrollIntoView()");
        JsonNode row = browser.eval("(function(){var r=document.querySelector('#cx-2 table.steps tr[data-step=\"3\"]')"
                + ".getBoundingClientRect();return {x:r.x+20,y:r.y+r.height/2};})()");
        browser.click(row.get("x").asDouble(), row.get("y").asDouble());
        assertEquals("3", current("#cx-2"));
        assertTrue(browser.eval("document.querySelector('#cx-2 aside.panel .outcome').className").asText()
                .contains("busy"));
        browser.press("End", "End", 35);
        assertEquals("10", current("#cx-2"));
        assertTrue(browser.eval("document.querySelector('#cx-2 aside.panel').textContent").asText()
                .contains("Next: step 4 again (the state is the one after step 3)."));
        assertEquals("6", current("#cx-1"), "the other counterexample kept its position");

        // the picture for humans: the zero-step race at step 24 (vcpu1 in zero-step mode)
        browser.eval("window.scrollTo(0,0)");
        browser.eval("window.tdxcheckReport.go(0, 24)");
        browser.eval("window.tdxcheckReport.go(1, 6)");
        browser.eval("window.tdxcheckReport.go(0, 24)");
        byte[] png = browser.screenshot(2400);
        Path shot = TARGET.resolve("report-screenshot.png");
        Files.write(shot, png);
        assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "not a PNG");
        // and a close-up of the lasso (cycle band, back arrow, BUSY markers, lock bars)
        Files.write(TARGET.resolve("report-screenshot-lasso.png"), browser.screenshotOf("#cx-2 .cx-body", 2));

        assertNoErrors(errs0);
    }

    @Test
    void hostileStringsStayTextAndCannotCloseTheScript() throws Exception {
        int errs0 = browser.errors().size();
        String evil = "</script><script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";
        Step s1 = new Step(1, "vcpu0", evil, "TDX_OPERAND_BUSY|" + evil, Map.of("f" + evil, "v" + evil),
                Map.of("lock.epoch", "ex vcpu0 " + evil), "note \u2028 " + evil + " & <!-- -->");
        Counterexample cx = new Counterexample("SAFETY", "summary " + evil, null, List.of("vcpu0"),
                Map.of("lock.epoch", "-"), List.of(s1), new Replay(0, List.of(0)));
        Run base = Fixtures.zeroStepRun();
        Run run = new Run("scenario-" + evil, base.policy(), Map.of("p", evil), base.stats(),
                List.of(new PropertyResult("prop", Verdict.VIOLATED, "reason " + evil, 1, cx)));
        Path html = write(Result.of("0.1.0" + evil, List.of(run)), "browser-hostile");
        browser.navigate(html.toUri().toString());

        assertTrue(browser.eval("typeof window.__pwned === 'undefined'").asBoolean(), "injected script ran");
        assertEquals(0, browser.eval("document.querySelectorAll('img').length").asInt());
        assertEquals(1, browser.eval("window.tdxcheckReport.count()").asInt());
        assertEquals(evil, browser.eval("JSON.parse(document.getElementById('tdxcheck-data').textContent)"
                + ".runs[0].results[0].counterexample.steps[0].action").asText());
        browser.press("ArrowRight", "ArrowRight", 39);
        assertEquals(evil, browser.eval("document.querySelector('aside.panel .action').textContent").asText());
        assertNoErrors(errs0);
    }

    /** The harness itself: an uncaught exception and a console.error are both reported. */
    @Test
    void errorCollectorSeesExceptionsAndConsoleErrors() throws Exception {
        int errs0 = browser.errors().size();
        browser.navigate("about:blank");
        browser.eval("console.error('deliberate console error'); setTimeout(function(){ throw new Error('deliberate"
                + " exception'); }, 0); new Promise(function(r){ setTimeout(r, 200); })");
        List<String> seen = browser.errors().subList(errs0, browser.errors().size());
        assertTrue(seen.stream().anyMatch(e -> e.contains("deliberate console error")), seen.toString());
        assertTrue(seen.stream().anyMatch(e -> e.contains("deliberate exception")), seen.toString());
    }

    @Test
    void aStepAnchorOpensTheStepWithItsResourcesAndNote() throws Exception {
        int errs0 = browser.errors().size();
        Path html = write(ResourceLanesTest.result(ResourceLanesTest.frozen(true)), "browser-resources");
        browser.navigate(html.toUri() + "#cx-1-step-8");
        assertEquals("8", current("#cx-1"));
        assertEquals("8", highlighted("#cx-1"));
        String panel = browser.eval("document.querySelector('#cx-1 aside.panel').textContent").asText();
        assertTrue(panel.contains("Resources after step 8"), panel);
        assertTrue(panel.contains("slot[a]frozen by p0"), panel);
        assertTrue(panel.contains("RETRY: slot a frozen by p0 since step 2"), panel);
        assertEquals("frozen by p0", browser.eval("document.querySelector('#cx-1 [data-resource=\"slot[a]\"] .hold')"
                + ".dataset.holder").asText());
        assertNoErrors(errs0);
    }

    @Test
    void reportOfNoFinishedRunLoadsCleanly() throws Exception {
        int errs0 = browser.errors().size();
        browser.navigate(write(Result.of("0.1.0", List.of()), "browser-empty").toUri().toString());
        assertEquals(0, browser.eval("window.tdxcheckReport.count()").asInt());
        browser.press("ArrowRight", "ArrowRight", 39);
        assertTrue(browser.eval("document.body.textContent").asText().contains("No run has finished yet."));
        assertNoErrors(errs0);
    }

    @Test
    void manyStepsScrollWithTheCursor() throws Exception {
        int errs0 = browser.errors().size();
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            String actor = i % 3 == 0 ? "zap" : "vcpu" + (i % 2);
            steps.add(new Step(i, actor, i % 3 == 0 ? "TDH.MEM.TRACK" : "TDH.VP.ENTER",
                    i % 3 == 0 ? "TDX_OPERAND_BUSY|TD_EPOCH" : "TDX_SUCCESS", Map.of("n", String.valueOf(i)),
                    Map.of("lock.epoch", i % 2 == 0 ? "shared vcpu0" : "-"), ""));
        }
        Counterexample cx = new Counterexample("LIVENESS", "long", 100, List.of("vcpu0", "vcpu1", "zap"),
                Map.of("n", "0"), steps, new Replay(0, List.of()));
        Run base = Fixtures.lassoRun();
        Run run = new Run(base.scenario(), base.policy(), base.params(), base.stats(),
                List.of(new PropertyResult("no-busy-livelock", Verdict.VIOLATED, "", 1, cx)));
        browser.navigate(write(Result.of("0.1.0", List.of(run)), "browser-long").toUri().toString());
        browser.press("End", "End", 35);
        assertEquals("300", current("#cx-1"));
        assertTrue(browser.eval("document.querySelector('#cx-1 .lanes-wrap').scrollLeft").asInt() > 0,
                "the lane diagram scrolls to the cursor");
        assertTrue(browser.eval("document.querySelector('#cx-1 .steps-wrap').scrollTop").asInt() > 0,
                "the step list scrolls to the current row");
        // the lane labels stay in view: the label column follows the horizontal scroll
        String transform = browser.eval("new Promise(function(r){setTimeout(function(){r(document.querySelector("
                + "'#cx-1 svg.lanes .labels').getAttribute('transform'));},150);})").asText();
        assertTrue(transform.matches("translate\\([1-9][0-9.]*,0\\)"), transform);
        Files.write(TARGET.resolve("report-screenshot-long.png"), browser.screenshotOf("#cx-1 .cx-body", 1));
        assertNoErrors(errs0);
    }
}
