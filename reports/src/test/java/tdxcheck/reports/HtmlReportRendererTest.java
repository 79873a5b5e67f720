package tdxcheck.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;

/** Structure of report.html without a browser (HtmlReportBrowserTest runs it for real). */
class HtmlReportRendererTest {
    private static int count(String s, String what) {
        return s.split(Pattern.quote(what), -1).length - 1;
    }

    @Test
    void selfContainedWithEmbeddedResult() {
        Result r = Fixtures.sample();
        String html = new HtmlReportRenderer().render(r);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none';"), "CSP blocks any fetch");
        assertFalse(html.contains("http://") || html.contains("https://"), "no network reference");
        assertFalse(Pattern.compile("<(script|img|link|iframe)[^>]*\\ssrc=").matcher(html).find(), "no external src");
        assertEquals(2, count(html, "<script"), "the data block and the inline script");
        assertEquals(1, count(html, "<style>"));
        String json = ReportWriterTest.embeddedJson(html);
        assertEquals(r, ResultJson.parse(json, "embedded"));
        SchemaAssert.assertValid(json, "embedded JSON");
    }

    @Test
    void oneSectionAndLaneDiagramPerCounterexample() {
        String html = new HtmlReportRenderer().render(Fixtures.sample());
        assertEquals(2, count(html, "<section class=\"cx\""));
        assertEquals(2, count(html, "<svg class=\"lanes\""));
        assertEquals(4 + 5, count(html, "class=\"lane actor-lane\""), "vcpu0 vcpu1 guest0 guest1, then + zap");
        assertEquals(3 + 3, count(html, "class=\"lane lock-lane\""));
        assertEquals(24 + 10, count(html, "<g class=\"marker"));
        assertEquals(2, count(html, "<g class=\"marker busy\""));
        assertEquals(1, count(html, "class=\"cycle-band\""));
        assertTrue(html.contains(">cycle 4-10 closes</text>"));
        assertTrue(html.contains("<a href=\"#cx-1\"><span class=\"pill violated\">VIOLATED</span></a>"));
        assertTrue(html.contains("<a href=\"#cx-2\"><span class=\"pill violated\">VIOLATED</span></a>"));
    }

    @Test
    void dataBlockCannotBeClosedByAString() throws Exception {
        String evil = "</script><!-- <script> & \u2028";
        String safe = HtmlReportRenderer.jsonForScript("{\"a\":\"" + evil.replace("\u2028", "\\u2028") + "\"}");
        assertFalse(safe.contains("<") || safe.contains(">") || safe.contains("&") || safe.contains("\u2028"), safe);
        assertEquals(evil, ResultJson.mapper().readTree(safe).get("a").asText());
    }

    @Test
    void emptyResultStillRenders() {
        String html = new HtmlReportRenderer().render(Result.of("0.1.0", List.of()));
        assertTrue(html.contains("No run has finished yet."));
        assertFalse(html.contains("<section class=\"cx\""));
    }

    @Test
    void laneColoursAndLabels() {
        var c = HtmlReportRenderer.actorColors(List.of("vcpu0", "vcpu1", "guest0", "guest1", "zap"));
        assertEquals(HtmlReportRenderer.lighten(c.get("vcpu1"), 0.45), c.get("guest1"), "a guest is a lighter vcpu");
        assertEquals(5, c.values().stream().distinct().count());
        assertEquals("shared vcpu0", HtmlReportRenderer.fitLabel("shared vcpu0", 200));
        assertEquals("sh vcpu0", HtmlReportRenderer.fitLabel("shared vcpu0", 60));
        assertEquals(null, HtmlReportRenderer.fitLabel("shared vcpu0", 20));
        Matcher m = Pattern.compile("data-col-width=\"(\\d+)\"").matcher(new HtmlReportRenderer().render(Fixtures.sample()));
        assertTrue(m.find());
        assertEquals(760 / 25, Integer.parseInt(m.group(1)), "24 steps: 25 columns share the width");
    }
}
