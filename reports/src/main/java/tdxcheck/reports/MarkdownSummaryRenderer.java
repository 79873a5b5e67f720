package tdxcheck.reports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

/**
 * A Markdown summary for a CI job summary or a review comment: the scenario x policy x property
 * verdict matrix with distinct states and seconds per run, relative links to every
 * counterexample's text trace ({@code traces/<scenario>__<policy>__<property>.txt}, as written
 * by {@link ReportWriter}), the inconclusive reasons and a short legend. No emoji, no HTML.
 */
public final class MarkdownSummaryRenderer {

    public String render(Result result) {
        List<ReportNames.Entry> cxs = ReportNames.counterexamples(result);
        Set<String> properties = new LinkedHashSet<>();
        Map<String, Integer> rowKeys = new HashMap<>();
        int holds = 0;
        int violated = 0;
        int inconclusive = 0;
        for (Run run : result.runs()) {
            rowKeys.merge(run.scenario() + "\u0000" + run.policy().label(), 1, Integer::sum);
            for (PropertyResult pr : run.results()) {
                properties.add(pr.property());
                if (pr.verdict() == Verdict.HOLDS) {
                    holds++;
                } else if (pr.verdict() == Verdict.VIOLATED) {
                    violated++;
                } else if (pr.verdict() == Verdict.INCONCLUSIVE) {
                    inconclusive++;
                }
            }
        }

        StringBuilder b = new StringBuilder();
        b.append("## tdxcheck verdicts\n\n");
        if (result.progressNote() != null) {
            b.append("**").append(esc(result.progressNote().toUpperCase(java.util.Locale.ROOT).charAt(0)
                    + result.progressNote().substring(1))).append("**: this is not the whole answer.\n\n");
        }
        int runs = result.runs().size();
        b.append(esc(result.tool().name() + " " + result.tool().version())).append(": ")
                .append(runs).append(runs == 1 ? " run, " : " runs, ")
                .append(holds).append(" HOLDS, ")
                .append(violated).append(" VIOLATED, ")
                .append(inconclusive).append(" INCONCLUSIVE\n\n");
        if (runs == 0) {
            b.append("No run has finished yet.\n\n");
        } else {
            table(b, result, properties, rowKeys, cxs);
        }

        if (!cxs.isEmpty()) {
            b.append("\n### Counterexamples\n\n");
            for (ReportNames.Entry e : cxs) {
                Counterexample cx = e.result().counterexample();
                int n = cx.steps().size();
                b.append("- [").append(esc(rowLabel(e.run(), rowKeys) + " / " + e.result().property()))
                        .append("](").append(e.tracePath()).append("): ")
                        .append(esc(cx.kind())).append(", ").append(n).append(n == 1 ? " step" : " steps");
                if (cx.isLasso()) {
                    b.append(", ").append(CycleName.of(cx.loopBackIndex(), n))
                            .append(" ([dot](").append(e.dotPath()).append("))");
                }
                String why = firstNonBlank(e.result().reason(), cx.summary());
                if (!why.isEmpty()) {
                    b.append(". ").append(esc(why));
                }
                b.append('\n');
            }
        }
        if (inconclusive > 0) {
            b.append("\n### Inconclusive\n\n");
            for (Run run : result.runs()) {
                for (PropertyResult pr : run.results()) {
                    if (pr.verdict() == Verdict.INCONCLUSIVE) {
                        b.append("- ").append(esc(rowLabel(run, rowKeys) + " / " + pr.property()));
                        String why = firstNonBlank(pr.reason(), "");
                        b.append(": ").append(why.isEmpty() ? "a bound was reached" : esc(why)).append('\n');
                    }
                }
            }
        }
        b.append("\n**Legend.** HOLDS: no reachable state or fair cycle violates the property (the search"
                + " was exhaustive). **VIOLATED**: a counterexample was found; the link opens its text trace."
                + " *INCONCLUSIVE*: a bound (states, depth, time or memory) stopped the search first; never a"
                + " pass. `-`: not checked in that run. States: distinct states explored; seconds: wall time of"
                + " the run. Step-through view of every trace: [report.html](report.html).\n");
        return b.toString();
    }

    private static void table(StringBuilder b, Result result, Set<String> properties, Map<String, Integer> rowKeys,
                              List<ReportNames.Entry> cxs) {
        b.append("| scenario | policy |");
        for (String p : properties) {
            b.append(' ').append(esc(p)).append(" |");
        }
        b.append(" states | seconds |\n");
        b.append("| --- | --- |");
        for (int i = 0; i < properties.size(); i++) {
            b.append(" --- |");
        }
        b.append(" ---: | ---: |\n");
        for (int ri = 0; ri < result.runs().size(); ri++) {
            Run run = result.runs().get(ri);
            String scenario = run.scenario();
            if (rowKeys.get(run.scenario() + "\u0000" + run.policy().label()) > 1) {
                scenario += " (" + params(run) + ")";
            }
            b.append("| ").append(esc(scenario)).append(" | ").append(esc(run.policy().label())).append(" |");
            for (String p : properties) {
                b.append(' ').append(cell(run, ri, p, cxs)).append(" |");
            }
            b.append(' ').append(String.format(Locale.ROOT, "%,d", run.stats().distinctStates()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", run.stats().seconds())).append(" |\n");
        }
    }

    private static String cell(Run run, int runIndex, String property, List<ReportNames.Entry> cxs) {
        for (int pi = 0; pi < run.results().size(); pi++) {
            PropertyResult pr = run.results().get(pi);
            if (!pr.property().equals(property)) {
                continue;
            }
            if (pr.verdict() == null) {
                return "?";
            }
            switch (pr.verdict()) {
                case HOLDS:
                    return "HOLDS" + FairnessLabel.of(pr);
                case VIOLATED:
                    ReportNames.Entry e = ReportNames.find(cxs, runIndex, pi);
                    return (e == null ? "**VIOLATED**" : "**VIOLATED** ([trace](" + e.tracePath() + "))")
                            + FairnessLabel.of(pr);
                default:
                    return "*INCONCLUSIVE*" + FairnessLabel.of(pr);
            }
        }
        return "-";
    }

    private static String rowLabel(Run run, Map<String, Integer> rowKeys) {
        String s = run.scenario();
        if (rowKeys.getOrDefault(run.scenario() + "\u0000" + run.policy().label(), 1) > 1) {
            s += " (" + params(run) + ")";
        }
        return s + " / " + run.policy().label();
    }

    private static String params(Run run) {
        List<String> p = new ArrayList<>();
        for (Map.Entry<String, Object> e : run.params().entrySet()) {
            p.add(e.getKey() + "=" + e.getValue());
        }
        return String.join(", ", p);
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b == null ? "" : b.strip();
    }

    /**
     * Escapes what Markdown (GFM) would read as markup or as a table cell end. An underscore inside
     * a word (TDX_OPERAND_BUSY) is left alone, as GFM never reads it as emphasis.
     */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\': case '|': case '*': case '`': case '<': case '>': case '[': case ']': case '#':
                    b.append('\\').append(c);
                    break;
                case '_':
                    boolean inWord = i > 0 && i < s.length() - 1
                            && Character.isLetterOrDigit(s.charAt(i - 1)) && Character.isLetterOrDigit(s.charAt(i + 1));
                    b.append(inWord ? "_" : "\\_");
                    break;
                case '\n': case '\r': case '\t':
                    b.append(' ');
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }
}
