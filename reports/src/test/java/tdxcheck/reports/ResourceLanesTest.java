package tdxcheck.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.Policy;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Replay;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Stats;
import tdxcheck.reports.result.Step;
import tdxcheck.reports.result.Verdict;

/**
 * The HTML lane diagram's resource lanes, actor colours and preempted bands, on a model-free trace:
 * p0 freezes slot[a] at step 2 and then stays still (ready) until step 15 while p1 retries on it.
 */
class ResourceLanesTest {
    private static final List<String> ACTORS = List.of("p0", "p1", "q");

    /** p1 retries 12 times on slot[a], frozen by p0 since step 2; p0 resumes at step 15 and frees it. */
    static Counterexample frozen(boolean preemptNote) {
        List<Step> steps = new ArrayList<>();
        Map<String, String> locks = Map.of("lock.m", "-");
        steps.add(new Step(1, "p0", "start", "", Map.of("p0", "walk"), locks, res("-", "-"), ""));
        steps.add(new Step(2, "p0", "freeze slot a", "FROZEN set", Map.of("p0", "frozen"), locks,
                res("frozen by p0", "-"), ""));
        for (int i = 3; i <= 14; i++) {
            steps.add(new Step(i, "p1", "walk slot a", "RETRY", Map.of("p1", "retry " + i), locks,
                    res("frozen by p0", i >= 10 ? "set by q" : "-"), "RETRY: slot a frozen by p0 since step 2"));
        }
        steps.add(new Step(15, "p0", "complete", "OK", Map.of("p0", "done"), locks, res("-", "set by q"),
                preemptNote ? new Preempted("p0", 3, 14).note() : ""));
        Map<String, String> init = new LinkedHashMap<>();
        init.put("p0", "idle");
        init.put("p1", "idle");
        init.put("lock.m", "-");
        return new Counterexample("SAFETY", "p1 never gets slot a", null, ACTORS, init, res("-", "-"), steps,
                new Replay(0, List.of()));
    }

    private static Map<String, String> res(String slot, String flag) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("slot[a]", slot);
        m.put("flag", flag);
        return m;
    }

    static Result result(Counterexample... cxs) {
        List<PropertyResult> prs = new ArrayList<>();
        for (int i = 0; i < cxs.length; i++) {
            prs.add(new PropertyResult("prop" + i, Verdict.VIOLATED, "violated", 1, cxs[i]));
        }
        Run run = new Run("toy", new Policy("none", Map.of()), Map.of("n", 2), new Stats(10, 20, 15, 0.1, 100, 1,
                false, 0), prs);
        return Result.of("0.1.0", List.of(run));
    }

    /** The HTML of section {@code cx-k}. */
    static String section(String html, int k) {
        int from = html.indexOf("<section class=\"cx\" id=\"cx-" + k + "\"");
        assertTrue(from >= 0, "section cx-" + k);
        return html.substring(from, html.indexOf("</section>", from));
    }

    /** The hold bars of a resource lane: from, to, holder, fill. */
    static List<String[]> bars(String section, String laneAttr, String lane) {
        int from = section.indexOf(laneAttr + "=\"" + lane + "\">");
        assertTrue(from >= 0, "lane " + lane);
        String g = section.substring(from, section.indexOf("</g>\n", from));
        Matcher m = Pattern.compile("<g class=\"hold\" data-from=\"(\\d+)\" data-to=\"(\\d+)\" data-holder=\"([^\"]*)\">"
                + "<title>[^<]*</title><rect [^>]*fill=\"(#[0-9a-f]{6})\"").matcher(g);
        List<String[]> out = new ArrayList<>();
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
        }
        return out;
    }

    /** Legend swatch colour per actor. */
    static Map<String, String> legend(String section) {
        Matcher m = Pattern.compile("<span class=\"legend-actor\" data-actor=\"([^\"]+)\"><svg[^>]*><rect [^>]*fill=\""
                + "(#[0-9a-f]{6})\"").matcher(section);
        Map<String, String> out = new LinkedHashMap<>();
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    @Test
    void resourceLaneShowsHolderAndSince() {
        String s = section(new HtmlReportRenderer().render(result(frozen(true))), 1);
        List<String[]> slot = bars(s, "data-resource", "slot[a]");
        assertEquals(1, slot.size());
        assertEquals("2", slot.get(0)[0], "frozen since step 2");
        assertEquals("14", slot.get(0)[1], "until p0 completes at step 15");
        assertEquals("frozen by p0", slot.get(0)[2]);
        List<String[]> flag = bars(s, "data-resource", "flag");
        assertEquals(1, flag.size());
        assertEquals("10", flag.get(0)[0]);
        assertEquals("15", flag.get(0)[1]);
        assertEquals("set by q", flag.get(0)[2]);
        assertTrue(s.contains(" 2 resources, 15 steps\""), "the diagram's label counts the lanes");
        assertTrue(s.contains("<div class=\"step-note\">RETRY: slot a frozen by p0 since step 2</div>"),
                "the step list carries the blocked-by note");
    }

    @Test
    void legendSwatchesAreTheBarColours() {
        String s = section(new HtmlReportRenderer().render(result(frozen(true))), 1);
        Map<String, String> legend = legend(s);
        assertEquals(ACTORS, List.copyOf(legend.keySet()));
        assertEquals(3, legend.values().stream().distinct().count(), "one colour per actor");
        assertEquals(legend.get("p0"), bars(s, "data-resource", "slot[a]").get(0)[3]);
        assertEquals(legend.get("q"), bars(s, "data-resource", "flag").get(0)[3]);
        for (String a : ACTORS) {
            assertTrue(s.contains("data-actor=\"" + a + "\"><rect x=\"8\" y=\"") , a);
            Matcher m = Pattern.compile("<g class=\"lane actor-lane\" data-actor=\"" + a + "\"><rect [^>]*fill=\""
                    + "(#[0-9a-f]{6})\"").matcher(s);
            assertTrue(m.find(), a);
            assertEquals(legend.get(a), m.group(1), "lane swatch of " + a);
        }
    }

    @Test
    void anActorKeepsItsColourAcrossCounterexamples() {
        // a second counterexample of the same model in which q acts first and p0 never does
        List<Step> steps = List.of(
                new Step(1, "q", "set flag", "", Map.of(), Map.of("lock.m", "-"), res("-", "set by q"), ""),
                new Step(2, "p1", "walk", "", Map.of(), Map.of("lock.m", "ex p1"), res("-", "set by q"), ""));
        Counterexample other = new Counterexample("SAFETY", "", null, ACTORS, Map.of("lock.m", "-"),
                res("-", "-"), steps, new Replay(0, List.of()));
        String html = new HtmlReportRenderer().render(result(frozen(true), other));
        Map<String, String> first = legend(section(html, 1));
        Map<String, String> second = legend(section(html, 2));
        assertEquals(first, second);
        String alone = new HtmlReportRenderer().render(result(other));
        assertEquals(first, legend(section(alone, 1)), "the colour does not depend on the other counterexamples");
        assertEquals(first.get("p1"), bars(section(html, 2), "data-lock", "lock.m").get(0)[3]);
    }

    @Test
    void preemptedBandOnlyWhereANoteSaysSo() {
        String s = section(new HtmlReportRenderer().render(result(frozen(true))), 1);
        Matcher m = Pattern.compile("<g class=\"preempted\" data-actor=\"([^\"]+)\" data-from=\"(\\d+)\" data-to=\""
                + "(\\d+)\">").matcher(s);
        assertTrue(m.find());
        assertEquals("p0", m.group(1));
        assertEquals("3", m.group(2));
        assertEquals("14", m.group(3));
        assertFalse(m.find(), "one band");
        String none = section(new HtmlReportRenderer().render(result(frozen(false))), 1);
        assertFalse(none.contains("class=\"preempted\""));
    }

    @Test
    void preemptedNoteRoundTrips() {
        Preempted p = new Preempted("vcpu0", 7, 31);
        assertEquals("vcpu0 preempted in steps 7-31", p.note());
        assertEquals(List.of(p), Preempted.parse("RET_PF_RETRY: x; " + p.note()));
        assertEquals(List.of(), Preempted.parse("vcpu0 held the lock since step 3"));
        assertNotNull(Preempted.parse(null));
    }
}
