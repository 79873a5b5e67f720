package tdxcheck.reports;

import java.util.ArrayList;
import java.util.List;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

/**
 * GitHub Actions workflow commands for a result: one {@code ::error} annotation per VIOLATED
 * verdict (title: scenario, policy, parameters and property; message: the one-line reason and the
 * counterexample's length) and one {@code ::warning} per INCONCLUSIVE verdict (the bound), so the
 * job page shows which verdict flipped without a parser. Values are escaped as the runner requires
 * ({@code %}, CR, LF; and {@code :} {@code ,} in the title property).
 */
public final class GithubAnnotationsRenderer {

    public List<String> render(Result result) {
        List<String> lines = new ArrayList<>();
        for (Run r : result.runs()) {
            for (PropertyResult pr : r.results()) {
                if (pr.verdict() == Verdict.HOLDS) {
                    continue;
                }
                boolean violated = pr.verdict() == Verdict.VIOLATED;
                String title = pr.property() + " " + pr.verdict() + ": " + JunitXmlRenderer.suiteName(r);
                StringBuilder msg = new StringBuilder(pr.reason() == null ? "" : pr.reason());
                if (violated && pr.counterexample() != null) {
                    int n = pr.counterexample().steps().size();
                    msg.append("\n").append(pr.counterexample().kind()).append(" counterexample of ").append(n)
                            .append(n == 1 ? " step" : " steps").append(" (tdxcheck verify --out DIR writes the trace)");
                }
                lines.add("::" + (violated ? "error" : "warning") + " title=" + property(title) + "::" + data(msg.toString()));
            }
        }
        return lines;
    }

    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
