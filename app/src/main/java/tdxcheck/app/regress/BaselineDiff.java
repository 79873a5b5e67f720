package tdxcheck.app.regress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.ParamSpec;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.spi.ModelException;
import tdxcheck.reports.result.Verdict;

/**
 * The difference between a baseline and a fresh run of its entries, entry by entry.
 *
 * <p>What fails: a verdict that changed ({@code VERDICT}), a property the baseline does not pin
 * ({@code NEW}) and a pinned property the run no longer has ({@code MISSING}). What is shown but
 * does not fail: a different distinct-state count with the same verdicts ({@code states}: the
 * model's state space moved, e.g. a refactoring that adds a step; review it, then
 * {@code --update}), and for a VIOLATED or INCONCLUSIVE verdict a different reason
 * ({@code trace}: another, equally valid shortest counterexample, or a different length).
 * {@code --strict-states} makes state-count changes fail too.
 */
public final class BaselineDiff {
    /** How an entry changed; the first three fail regress. */
    public enum Change {
        VERDICT, NEW, MISSING, TRACE, STATES, SAME;

        public boolean fails() {
            return this == VERDICT || this == NEW || this == MISSING;
        }

        /** Failures in capitals, informational changes in lower case, "-" for none. */
        public String label() {
            return switch (this) {
                case SAME -> "-";
                case TRACE, STATES -> name().toLowerCase(Locale.ROOT);
                default -> name();
            };
        }
    }

    /** One entry: a property of a run, before and after (null verdict = absent). */
    public record Row(String scenario, String policy, String property, Verdict oldVerdict, Verdict newVerdict,
                      long oldStates, long newStates, String oldReason, String newReason, Change change) {
        public boolean statesChanged() {
            return oldStates != newStates;
        }
    }

    private final List<Row> rows;

    private BaselineDiff(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** Every entry of {@code before} and {@code after}, runs matched by scenario, axes and params. */
    public static BaselineDiff compare(Baseline before, Baseline after, Catalog catalog) {
        Map<String, BaselineRun> now = new LinkedHashMap<>();
        for (BaselineRun r : after.runs()) {
            now.put(r.key(), r);
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Row> rows = new ArrayList<>();
        for (BaselineRun old : before.runs()) {
            seen.add(old.key());
            addRun(rows, catalog, old, now.get(old.key()));
        }
        for (BaselineRun r : after.runs()) {
            if (!seen.contains(r.key())) {
                addRun(rows, catalog, null, r);
            }
        }
        return new BaselineDiff(rows);
    }

    private static void addRun(List<Row> rows, Catalog catalog, BaselineRun old, BaselineRun now) {
        BaselineRun any = old != null ? old : now;
        String scenario = scenarioLabel(catalog, any.scenario(), any.params());
        String policy = (now != null ? now : old).policyLabel();
        Set<String> props = new LinkedHashSet<>();
        if (old != null) {
            props.addAll(old.verdicts().keySet());
        }
        if (now != null) {
            props.addAll(now.verdicts().keySet());
        }
        long os = old == null ? -1 : old.distinctStates();
        long ns = now == null ? -1 : now.distinctStates();
        for (String p : new java.util.TreeSet<>(props)) {
            BaselineRun.Entry o = old == null ? null : old.verdicts().get(p);
            BaselineRun.Entry n = now == null ? null : now.verdicts().get(p);
            Change c;
            if (o == null) {
                c = Change.NEW;
            } else if (n == null) {
                c = Change.MISSING;
            } else if (o.verdict() != n.verdict()) {
                c = Change.VERDICT;
            } else if (o.verdict() != Verdict.HOLDS && !o.reason().equals(n.reason())) {
                c = Change.TRACE;
            } else if (os != ns) {
                c = Change.STATES;
            } else {
                c = Change.SAME;
            }
            rows.add(new Row(scenario, policy, p, o == null ? null : o.verdict(), n == null ? null : n.verdict(), os,
                    ns, o == null ? "" : o.reason(), n == null ? "" : n.reason(), c));
        }
    }

    /** "fault-storm" or "fault-storm (pending-events)": the id plus the params that differ from its defaults. */
    static String scenarioLabel(Catalog catalog, String id, Map<String, Object> p) {
        Params d;
        try {
            d = catalog.scenario(id).defaults();
        } catch (ModelException e) {
            return id + " " + p;
        }
        List<String> diff = new ArrayList<>();
        for (ParamSpec s : catalog.params()) {
            Object v = p.get(s.jsonKey());
            if (v == null || v.equals(d.get(s.name()))) {
                continue;
            }
            if (v instanceof Boolean b) {
                diff.add(b ? s.name() : "no " + s.name());
            } else {
                diff.add(s.name() + "=" + v);
            }
        }
        return diff.isEmpty() ? id : id + " (" + String.join(", ", diff) + ")";
    }

    public List<Row> rows() {
        return rows;
    }

    public long count(Change c) {
        return rows.stream().filter(r -> r.change() == c).count();
    }

    /** Runs (scenario x policy x params) whose state count changed. */
    public long runsWithOtherStateCounts() {
        Set<String> runs = new LinkedHashSet<>();
        for (Row r : rows) {
            if (r.oldStates() >= 0 && r.newStates() >= 0 && r.statesChanged()) {
                runs.add(r.scenario() + "|" + r.policy());
            }
        }
        return runs.size();
    }

    /** Whether regress fails: a verdict changed, or an entry is new or missing (or, strict, a state count moved). */
    public boolean fails(boolean strictStates) {
        for (Row r : rows) {
            if (r.change().fails() || (strictStates && r.statesChanged())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The diff table. Without {@code everyRow} only changed entries are listed, and a run whose
     * only change is its state count gets one row with property {@code *}.
     */
    public String table(boolean everyRow) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"scenario", "policy", "property", "old", "new", "states (old -> new)", "change"});
        Map<String, List<Row>> byRun = new LinkedHashMap<>();
        for (Row r : rows) {
            byRun.computeIfAbsent(r.scenario() + "|" + r.policy(), k -> new ArrayList<>()).add(r);
        }
        for (List<Row> run : byRun.values()) {
            boolean onlyStates = run.stream().allMatch(r -> r.change() == Change.SAME || r.change() == Change.STATES)
                    && run.stream().anyMatch(r -> r.change() == Change.STATES);
            if (!everyRow && onlyStates) {
                Row r = run.get(0);
                cells.add(new String[] {r.scenario(), r.policy(), "*", "", "", states(r), Change.STATES.label()});
                continue;
            }
            for (Row r : run) {
                if (everyRow || r.change() != Change.SAME) {
                    cells.add(new String[] {r.scenario(), r.policy(), r.property(), verdict(r.oldVerdict()),
                            verdict(r.newVerdict()), states(r), r.change().label()});
                }
            }
        }
        if (cells.size() == 1) {
            return "";
        }
        int[] w = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                line.append(row[i]).append(" ".repeat(w[i] - row[i].length()));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** One line per failing entry with both reasons. */
    public String details(boolean strictStates) {
        StringBuilder sb = new StringBuilder();
        for (Row r : rows) {
            if (r.change().fails() || (strictStates && r.statesChanged() && r.change() != Change.SAME)) {
                sb.append(r.change().label()).append("  ").append(r.scenario()).append(" [").append(r.policy())
                        .append("] ").append(r.property()).append(": ")
                        .append(r.oldVerdict() == null ? "not in the baseline" : r.oldVerdict() + " (" + r.oldReason()
                                + ")")
                        .append(" -> ")
                        .append(r.newVerdict() == null ? "not checked any more" : r.newVerdict() + " ("
                                + r.newReason() + ")")
                        .append('\n');
            }
        }
        return sb.toString();
    }

    private static String verdict(Verdict v) {
        return v == null ? "-" : v.name();
    }

    private static String states(Row r) {
        String o = r.oldStates() < 0 ? "-" : Long.toString(r.oldStates());
        String n = r.newStates() < 0 ? "-" : Long.toString(r.newStates());
        return r.oldStates() == r.newStates() ? o : o + " -> " + n;
    }
}
