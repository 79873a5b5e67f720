package tdxcheck.reports;

import static tdxcheck.reports.TextLayout.ascii;
import static tdxcheck.reports.TextLayout.pad;
import static tdxcheck.reports.TextLayout.padLeft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Step;

/**
 * A counterexample as plain text a kernel developer can paste into a mail: ASCII only, no line
 * longer than {@link #MAX_COLUMNS}. A header names scenario, policy, property, verdict and the
 * trace; then one numbered line per step ({@code "  3. vcpu1   TDH.VP.ENTER  -> TDX_OPERAND_BUSY|SEPT_TREE"}),
 * the locks held after it and the fields it changed (or, with {@code fullState}, every field).
 * A lasso names its cycle by step range ({@link CycleName}, {@code "cycle 19-23"}) in the header, where
 * it starts and where it closes. The reason is printed once (the counterexample's summary only
 * when it says something the reason does not).
 */
public final class TextTraceRenderer {
    /** Fits a review mail (issue 18): 80 columns, as the kernel's mail etiquette expects. */
    public static final int MAX_COLUMNS = 80;
    private static final int ACTION_WIDTH_CAP = 30;

    private final boolean fullState;
    private final boolean fold;

    /** Shows the changed fields of each step; repeated round trips are folded ({@link RoundTrips}). */
    public TextTraceRenderer() {
        this(false);
    }

    /**
     * With {@code fullState}, shows every state field after each step, changed ones marked '*',
     * and every step (no folding).
     */
    public TextTraceRenderer(boolean fullState) {
        this(fullState, !fullState);
    }

    /** {@code fold}: repeated round trips become one line ("vcpu1 repeats steps 5-8 3 more times ..."). */
    public TextTraceRenderer(boolean fullState, boolean fold) {
        this.fullState = fullState;
        this.fold = fold;
    }

    /** Every counterexample of the result, one after the other, separated by a blank line. */
    public String render(Result result) {
        StringBuilder b = new StringBuilder();
        for (ReportNames.Entry e : ReportNames.counterexamples(result)) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(render(e.run(), e.result()));
        }
        return b.toString();
    }

    /** The trace of one property result; {@code pr} must have a counterexample. */
    public String render(Run run, PropertyResult pr) {
        Counterexample cx = pr.counterexample();
        if (cx == null) {
            throw new IllegalArgumentException(pr.property() + " has no counterexample");
        }
        TraceView v = new TraceView(cx);
        List<String> out = new ArrayList<>();
        header(out, run, pr, v);
        out.add("");
        steps(out, v);
        StringBuilder b = new StringBuilder();
        for (String l : TextLayout.bound(out, MAX_COLUMNS, 8)) {
            b.append(l.stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private void header(List<String> out, Run run, PropertyResult pr, TraceView v) {
        Counterexample cx = v.counterexample();
        out.add(ascii("tdxcheck counterexample: " + pr.property() + " " + pr.verdict()));
        List<String> params = new ArrayList<>();
        for (Map.Entry<String, Object> e : run.params().entrySet()) {
            params.add(e.getKey() + "=" + e.getValue());
        }
        field(out, "scenario", run.scenario() + (params.isEmpty() ? "" : " (" + String.join(", ", params) + ")"));
        String policy = run.policy().label() + " (" + run.policy().describeAxes() + ")";
        field(out, "policy", policy);
        field(out, "property", pr.property() + ": " + pr.verdict() + FairnessLabel.of(pr));
        if (pr.reason() != null && !pr.reason().isBlank()) {
            field(out, "reason", pr.reason());
        }
        int n = v.stepCount();
        String trace = cx.kind() + ", " + n + (n == 1 ? " step" : " steps");
        if (cx.isLasso()) {
            trace += ", " + CycleName.repeats(v.loopBack(), n);
        }
        field(out, "trace", trace);
        if (cx.summary() != null && !cx.summary().isBlank() && !cx.summary().equals(pr.reason())) {
            field(out, "summary", cx.summary());
        }
        if (fullState) {
            field(out, "state", "every field after each step; '*' marks the fields the step changed");
        }
    }

    private static void field(List<String> out, String name, String value) {
        String first = "  " + pad(name, 10);
        out.addAll(TextLayout.wrapWords(first, first.length(), value, MAX_COLUMNS));
    }

    private void steps(List<String> out, TraceView v) {
        int n = v.stepCount();
        int numW = Math.max(2, String.valueOf(n).length());
        int actorW = 0;
        int actionW = 0;
        for (int i = 1; i <= n; i++) {
            actorW = Math.max(actorW, ascii(v.step(i).actor()).length());
            actionW = Math.max(actionW, Math.min(ACTION_WIDTH_CAP, ascii(v.step(i).action()).length()));
        }
        int detail = 2 + numW + 2;
        String ind = " ".repeat(detail);
        int loop = v.loopBack();

        out.add("  " + padLeft("0", numW) + ". initial state");
        Map<String, String> state = new LinkedHashMap<>(v.counterexample().initialState());
        detailLines(out, v, 0, ind, state);

        List<RoundTrips.Fold> folds = fold ? RoundTrips.find(v.counterexample().steps(), loop) : List.of();
        int nextFold = 0;
        for (int i = 1; i <= n; i++) {
            Step s = v.step(i);
            if (loop >= 0 && i == loop + 1) {
                out.add(ind + "==== " + CycleName.repeats(loop, n) + " ====");
            }
            if (nextFold < folds.size() && folds.get(nextFold).hiddenFrom() == i) {
                RoundTrips.Fold f = folds.get(nextFold++);
                Map<String, String> changed = new LinkedHashMap<>();
                for (int j = f.hiddenFrom(); j <= f.hiddenTo(); j++) {
                    state.putAll(v.step(j).changes());
                    for (Map.Entry<String, String> e : v.step(j).changes().entrySet()) {
                        if (!v.isLockField(e.getKey())) {
                            changed.put(e.getKey(), e.getValue());
                        }
                    }
                }
                List<String> after = new ArrayList<>();
                changed.forEach((k, val) -> after.add(k + "=" + val));
                out.addAll(TextLayout.wrapWords(ind + "... ", ind.length() + 4,
                        RoundTrips.describe(f, v.counterexample().steps())
                                + (after.isEmpty() ? "" : "; after step " + f.hiddenTo() + ": " + String.join(", ", after)),
                        MAX_COLUMNS));
                i = f.hiddenTo();
                continue;
            }
            String head = "  " + padLeft(String.valueOf(i), numW) + ". " + pad(ascii(s.actor()), actorW) + "  ";
            String action = ascii(s.action());
            String outcome = ascii(s.outcome());
            if (outcome.isEmpty()) {
                out.addAll(TextLayout.wrapWords(head, head.length(), action, MAX_COLUMNS));
            } else {
                String line = head + pad(action, actionW) + "  -> " + outcome;
                if (line.length() <= MAX_COLUMNS) {
                    out.add(line);
                } else {
                    out.addAll(TextLayout.wrapWords(head, head.length(), action, MAX_COLUMNS));
                    out.addAll(TextLayout.wrapWords(" ".repeat(head.length()) + "-> ", head.length() + 3,
                            outcome, MAX_COLUMNS));
                }
            }
            state.putAll(s.changes());
            detailLines(out, v, i, ind, state);
        }
        if (loop >= 0) {
            out.add("  -> " + CycleName.closes(loop, n));
        } else if ("DEADLOCK".equals(v.counterexample().kind())) {
            out.add("  -> deadlock after step " + n + ": no actor can move");
        } else {
            out.add("  -> violated after step " + n);
        }
    }

    private void detailLines(List<String> out, TraceView v, int i, String ind, Map<String, String> state) {
        if (i > 0 && !v.step(i).note().isBlank()) {
            out.addAll(TextLayout.wrapWords(ind + "note: ", ind.length() + 6, v.step(i).note(), MAX_COLUMNS));
        }
        if (!v.locks().isEmpty()) {
            List<String> items = new ArrayList<>();
            for (Map.Entry<String, String> e : v.held(i).entrySet()) {
                items.add(e.getKey() + "=" + e.getValue());
            }
            if (items.isEmpty()) {
                items.add("none held");
            }
            if (i > 0) {
                List<String> rel = v.released(i);
                if (!rel.isEmpty()) {
                    items.add("(released " + String.join(", ", rel) + ")");
                }
            }
            out.addAll(TextLayout.wrap(ind + "locks: ", ind.length() + 7, items, ", ", MAX_COLUMNS));
        }
        Map<String, String> changes = i == 0 ? Map.of() : v.step(i).changes();
        List<String> items = new ArrayList<>();
        if (fullState || i == 0) {
            for (Map.Entry<String, String> e : state.entrySet()) {
                if (!v.isLockField(e.getKey())) {
                    items.add(e.getKey() + "=" + e.getValue() + (changes.containsKey(e.getKey()) ? "*" : ""));
                }
            }
            if (!items.isEmpty()) {
                out.addAll(TextLayout.wrap(ind + "state: ", ind.length() + 7, items, ", ", MAX_COLUMNS));
            }
        } else {
            for (Map.Entry<String, String> e : changes.entrySet()) {
                if (!v.isLockField(e.getKey())) {
                    items.add(e.getKey() + "=" + e.getValue());
                }
            }
            if (!items.isEmpty()) {
                out.addAll(TextLayout.wrap(ind + "set: ", ind.length() + 5, items, ", ", MAX_COLUMNS));
            }
        }
    }
}
