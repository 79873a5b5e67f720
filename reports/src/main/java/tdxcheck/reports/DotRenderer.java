package tdxcheck.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Step;

/**
 * Graphviz DOT of a counterexample path: one node per state, labelled with the index of the step
 * that led to it (0 = initial state), one edge per step labelled {@code "i. actor: action / outcome"}.
 * For a lasso the last step's edge goes back to the state after step k: that back edge is dashed,
 * bold and red, and the cycle's states are shaded. BUSY outcomes are written in red.
 */
public final class DotRenderer {
    private static final String BUSY_COLOR = "#b71c1c";
    private static final String BACK_COLOR = "#c62828";
    private static final String CYCLE_FILL = "#fff1d6";

    public String render(Run run, PropertyResult pr) {
        Counterexample cx = pr.counterexample();
        if (cx == null) {
            throw new IllegalArgumentException(pr.property() + " has no counterexample");
        }
        TraceView v = new TraceView(cx);
        int n = v.stepCount();
        int k = v.loopBack();
        // the last node: a lasso's final state is the state after step k
        int lastNode = k >= 0 && n > 0 ? n - 1 : n;

        String title = run.scenario() + " / " + run.policy().label() + " / " + pr.property() + ": " + cx.kind()
                + (k >= 0 ? ", lasso, " + CycleName.repeats(k, n) : ", " + n + " steps");
        StringBuilder b = new StringBuilder();
        b.append("digraph ").append(q(ReportNames.baseName(run, pr))).append(" {\n");
        b.append("  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=12, labelloc=t, nodesep=0.4, ranksep=0.3,"
                + " label=").append(q(title)).append("];\n");
        b.append("  node [shape=circle, fixedsize=true, width=0.45, fontname=\"Helvetica\", fontsize=11];\n");
        b.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for (int i = 0; i <= lastNode; i++) {
            List<String> attrs = new ArrayList<>();
            attrs.add("label=" + q(String.valueOf(i)));
            attrs.add("tooltip=" + q(tooltip(v, i)));
            if (i == 0) {
                attrs.add("shape=doublecircle");
            }
            if (k >= 0 && i >= k) {
                attrs.add("style=filled");
                attrs.add("fillcolor=" + q(CYCLE_FILL));
            }
            if (i == k) {
                attrs.add("penwidth=2");
                attrs.add("color=" + q(BACK_COLOR));
            }
            b.append("  s").append(i).append(" [").append(String.join(", ", attrs)).append("];\n");
        }
        for (int i = 1; i <= n; i++) {
            Step s = v.step(i);
            boolean back = k >= 0 && i == n;
            int from = i - 1;
            int to = back ? k : i;
            String label = i + ". " + s.actor() + ": " + s.action() + (s.outcome().isEmpty() ? "" : " / " + s.outcome());
            List<String> attrs = new ArrayList<>();
            attrs.add("label=" + q(back ? label + "\n(" + CycleName.of(k, n) + " closes)" : label));
            if (TraceView.isBusy(s.outcome())) {
                attrs.add("fontcolor=" + q(BUSY_COLOR));
            }
            if (back) {
                attrs.add("style=\"dashed,bold\"");
                attrs.add("color=" + q(BACK_COLOR));
                attrs.add("fontcolor=" + q(BACK_COLOR));
                attrs.add("constraint=false");
            }
            b.append("  s").append(from).append(" -> s").append(to).append(" [").append(String.join(", ", attrs))
                    .append("];\n");
        }
        b.append("}\n");
        return b.toString();
    }

    private static String tooltip(TraceView v, int i) {
        StringBuilder t = new StringBuilder(i == 0 ? "initial state" : "after step " + i);
        Map<String, String> held = v.held(i);
        if (!held.isEmpty()) {
            List<String> l = new ArrayList<>();
            held.forEach((lock, owner) -> l.add(lock + "=" + owner));
            t.append("; locks: ").append(String.join(", ", l));
        }
        return t.toString();
    }

    /** A DOT double-quoted string, ASCII only; a newline becomes a centred line break. */
    static String q(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        String[] parts = s.split("\n", -1);
        for (int p = 0; p < parts.length; p++) {
            if (p > 0) {
                b.append("\\n");
            }
            String a = TextLayout.ascii(parts[p]);
            for (int i = 0; i < a.length(); i++) {
                char c = a.charAt(i);
                if (c == '"' || c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
