package tdxcheck.reports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.Run;

/**
 * File names of the per-counterexample reports: {@code <scenario>__<policy>__<property>}, with any
 * character outside {@code [A-Za-z0-9._+-]} replaced by '_'. When two runs share scenario and
 * policy, the parameters that tell them apart ({@link RunLabels}) follow the scenario:
 * {@code frozen-spte-race__vcpus-3__mmu-part2__no-zero-step}; runs that do not differ at all get
 * "__2", "__3", ... in run order. Every renderer
 * links through this class, so the names in summary.md, report.html and on disk agree.
 */
public final class ReportNames {
    /** One counterexample of a result, with its file base name. */
    public record Entry(int runIndex, int resultIndex, Run run, PropertyResult result, String baseName, String tag) {
        public String tracePath() {
            return "traces/" + baseName + ".txt";
        }

        public String dotPath() {
            return "lassos/" + baseName + ".dot";
        }

        public String dotSvgPath() {
            return "lassos/" + baseName + ".svg";
        }

        public boolean isLasso() {
            return result.counterexample().isLasso();
        }
    }

    private ReportNames() {
    }

    /** Every counterexample of {@code result} in run order, then property order. */
    public static List<Entry> counterexamples(Result result) {
        List<Entry> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        List<String> tags = RunLabels.tags(result.runs());
        for (int ri = 0; ri < result.runs().size(); ri++) {
            Run run = result.runs().get(ri);
            for (int pi = 0; pi < run.results().size(); pi++) {
                PropertyResult pr = run.results().get(pi);
                if (pr.counterexample() == null) {
                    continue;
                }
                String tag = tags.get(ri);
                String base = tag.isEmpty() ? baseName(run, pr) : sanitize(run.scenario()) + "__"
                        + sanitize(tag.replace('=', '-').replace(',', '_')) + "__" + sanitize(run.policy().label())
                        + "__" + sanitize(pr.property());
                String name = base;
                for (int n = 2; !used.add(name); n++) {
                    name = base + "__" + n;
                }
                out.add(new Entry(ri, pi, run, pr, name, tag));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The entry for result {@code resultIndex} of run {@code runIndex}, or null. */
    public static Entry find(List<Entry> entries, int runIndex, int resultIndex) {
        for (Entry e : entries) {
            if (e.runIndex() == runIndex && e.resultIndex() == resultIndex) {
                return e;
            }
        }
        return null;
    }

    static String baseName(Run run, PropertyResult pr) {
        return sanitize(run.scenario()) + "__" + sanitize(run.policy().label()) + "__" + sanitize(pr.property());
    }

    static String sanitize(String s) {
        if (s == null || s.isEmpty()) {
            return "_";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '+' || c == '-';
            b.append(ok ? c : '_');
        }
        String r = b.toString();
        return r.startsWith(".") ? "_" + r.substring(1) : r;
    }
}
