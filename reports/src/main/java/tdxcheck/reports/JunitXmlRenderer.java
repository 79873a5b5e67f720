package tdxcheck.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

/**
 * The result as JUnit XML (the Ant/Surefire {@code TEST-*.xml} dialect every CI reads): one
 * {@code <testsuite>} per run (scenario x policy, its parameters in the name), one
 * {@code <testcase>} per property. HOLDS passes; VIOLATED is a {@code <failure>} whose message is
 * the one-line reason and whose body is the numbered text trace ({@link TextTraceRenderer});
 * INCONCLUSIVE is an {@code <error>} naming the bound (never a pass, never silently skipped).
 * The classname is the suite name ({@code "frozen-spte-race [upstream] (vcpus=2, ...)"}, no dots,
 * so no CI splits it into packages), the test name the property: a CI's test view shows which
 * verdict flipped between two builds, and two sizes of one scenario stay two tests.
 */
public final class JunitXmlRenderer {

    public String render(Result result) {
        int tests = 0;
        int failures = 0;
        int errors = 0;
        double seconds = 0;
        for (Run r : result.runs()) {
            seconds += r.stats().seconds();
            for (PropertyResult pr : r.results()) {
                tests++;
                failures += pr.verdict() == Verdict.VIOLATED ? 1 : 0;
                errors += pr.verdict() == Verdict.INCONCLUSIVE ? 1 : 0;
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuites name=\"tdxcheck\"").append(counts(tests, failures, errors, seconds)).append(">\n");
        for (Run r : result.runs()) {
            suite(b, result, r);
        }
        b.append("</testsuites>\n");
        return b.toString();
    }

    private void suite(StringBuilder b, Result result, Run r) {
        int failures = 0;
        int errors = 0;
        for (PropertyResult pr : r.results()) {
            failures += pr.verdict() == Verdict.VIOLATED ? 1 : 0;
            errors += pr.verdict() == Verdict.INCONCLUSIVE ? 1 : 0;
        }
        String className = suiteName(r);
        b.append("  <testsuite name=\"").append(attr(suiteName(r))).append('"')
                .append(counts(r.results().size(), failures, errors, r.stats().seconds())).append(">\n");
        b.append("    <properties>\n");
        property(b, "tool.version", result.tool().version());
        property(b, "tool.commit", result.tool().commit());
        property(b, "tool.model", result.tool().model());
        property(b, "scenario", r.scenario());
        property(b, "policy", r.policy().label());
        for (Map.Entry<String, Object> e : r.params().entrySet()) {
            property(b, "param." + e.getKey(), String.valueOf(e.getValue()));
        }
        property(b, "states", Long.toString(r.stats().distinctStates()));
        b.append("    </properties>\n");
        for (PropertyResult pr : r.results()) {
            b.append("    <testcase classname=\"").append(attr(className)).append("\" name=\"")
                    .append(attr(pr.property())).append("\" time=\"0\"");
            if (pr.verdict() == Verdict.HOLDS) {
                b.append("/>\n");
                continue;
            }
            b.append(">\n");
            String reason = pr.reason() == null ? "" : pr.reason();
            if (pr.verdict() == Verdict.VIOLATED) {
                b.append("      <failure type=\"VIOLATED\" message=\"").append(attr(reason)).append("\">");
                b.append(text(pr.counterexample() == null ? reason : new TextTraceRenderer().render(r, pr)));
                b.append("</failure>\n");
            } else {
                b.append("      <error type=\"INCONCLUSIVE\" message=\"").append(attr(reason)).append("\">");
                b.append(text("INCONCLUSIVE: " + reason + " (a bound stopped the search: not a pass)"));
                b.append("</error>\n");
            }
            b.append("    </testcase>\n");
        }
        b.append("  </testsuite>\n");
    }

    /** "frozen-spte-race [upstream] (vcpus=2, gpas=1, ...)": two sizes of one scenario differ. */
    static String suiteName(Run r) {
        List<String> ps = new ArrayList<>();
        for (Map.Entry<String, Object> e : r.params().entrySet()) {
            ps.add(e.getKey() + "=" + e.getValue());
        }
        return r.scenario() + " [" + r.policy().label() + "]" + (ps.isEmpty() ? "" : " (" + String.join(", ", ps) + ")");
    }

    private static void property(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append("      <property name=\"").append(attr(name)).append("\" value=\"").append(attr(value))
                    .append("\"/>\n");
        }
    }

    private static String counts(int tests, int failures, int errors, double seconds) {
        return String.format(Locale.ROOT, " tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\" time=\"%.3f\"",
                tests, failures, errors, seconds);
    }

    /** Escaped for an attribute value; line breaks as character references so they survive. */
    static String attr(String s) {
        return escape(s, true);
    }

    static String text(String s) {
        return escape(s, false);
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append(attribute ? "&quot;" : "\"");
                case '\n' -> b.append(attribute ? "&#10;" : "\n");
                case '\r' -> b.append(attribute ? "&#13;" : "");
                case '\t' -> b.append(attribute ? "&#9;" : "\t");
                default -> {
                    // XML 1.0 forbids other control characters even as references
                    if (c >= 0x20 || c == '\t') {
                        b.append(c);
                    } else {
                        b.append('?');
                    }
                }
            }
        }
        return b.toString();
    }
}
