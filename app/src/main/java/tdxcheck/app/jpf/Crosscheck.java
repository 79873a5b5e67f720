package tdxcheck.app.jpf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tdxcheck.app.RunRequest;
import tdxcheck.app.Runner;
import tdxcheck.app.check.ResultMapper;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.check.PropertyVerdict;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.property.Property;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Verdict;

/**
 * Both engines on one run: our engine (with {@code --all}, so that it explores the whole state
 * space as JPF does when it goes on after every violation) and JPF, the safety properties only.
 * They agree when every verdict is equal and JPF's new states are ours plus JPF's own: one
 * state after the driver's main returns (every end looks alike to JPF once the model state is
 * gone; none when the model never ends) and {@link #PER_VIOLATION} per violated property (the
 * state at the driver's error-or-go-on choice, and the error's end).
 */
public final class Crosscheck {
    /** JPF states a violated property adds (the driver's error-or-go-on choice, the error's end). */
    public static final int PER_VIOLATION = 2;

    private Crosscheck() {
    }

    /** One compared run. */
    public record Row(String scenario, String policy, String vcpus, List<String> properties, List<Verdict> ours,
                      List<Verdict> jpf, long ourStates, long jpfStates, double ourSeconds, double jpfSeconds,
                      boolean symmetry, List<String> differences, List<String> notes) {
        /** JPF's seconds per state over ours. */
        public double perStateRatio() {
            if (ourStates == 0 || jpfStates == 0 || ourSeconds <= 0) {
                return Double.NaN;
            }
            return (jpfSeconds / jpfStates) / (ourSeconds / ourStates);
        }

        public boolean agrees() {
            return differences.isEmpty();
        }
    }

    /** Runs {@code r}'s safety properties under both engines and compares them. */
    public static Row compare(JpfHome home, RunRequest r, boolean bfs, boolean symmetry) {
        CheckTarget t = Runner.target(r);
        List<String> ids = new ArrayList<>();
        for (Property p : JpfEngine.safety(t)) {
            ids.add(p.id());
        }
        if (ids.isEmpty()) {
            throw new JpfException("nothing to cross-check in " + r.label() + ": only liveness properties selected");
        }
        RunRequest safety = Requests.withProperties(r, ids);
        JpfEngine.JpfRun jpf = JpfEngine.run(home, safety,
                new JpfEngine.Options(bfs, 0, 0, 0, symmetry, true));
        List<String> notes = new ArrayList<>();
        boolean sym = symmetry;
        if (symmetry && t.model().hasSymmetry() && !jpf.outcome().symmetry()) {
            // JPF built the model without symmetry: its record equals compares a record's List
            // components by reference, so identical vCPU scripts look different (README)
            sym = false;
            notes.add("JPF's model has no vCPU symmetry (record equals on List components): both without it");
        }
        CheckResult own = Runner.check(safety.withSearch(SearchConfig.builder().collectAll(true).symmetry(sym)
                .threads(1).build()));
        List<Verdict> ov = new ArrayList<>();
        List<Verdict> jv = new ArrayList<>();
        List<String> diff = new ArrayList<>();
        for (String id : ids) {
            PropertyVerdict o = own.verdict(id);
            PropertyResult j = jpf.run().result(id);
            ov.add(ResultMapper.toVerdict(o.verdict()));
            jv.add(j.verdict());
            if (ov.get(ov.size() - 1) != j.verdict()) {
                diff.add(id + ": ours " + ov.get(ov.size() - 1) + ", JPF " + j.verdict());
            }
        }
        long os = own.stats().distinctStates();
        long js = jpf.outcome().newStates();
        long min = (long) PER_VIOLATION * jv.stream().filter(v -> v == Verdict.VIOLATED).count();
        if (js < os + min || js > os + min + 1) {
            diff.add("states: ours " + os + ", JPF " + js + " (JPF adds " + min + " for its violations, and 1 end state)");
        }
        String vcpus = r.params().has("vcpus") ? String.valueOf(r.params().intValue("vcpus")) : "-";
        return new Row(r.scenario(), r.policy().label(), vcpus, ids, ov, jv, os, js, own.stats().seconds(),
                jpf.outcome().seconds(), sym, diff, notes);
    }

    /** "VHHHH": one letter per property. */
    public static String letters(List<Verdict> vs) {
        StringBuilder sb = new StringBuilder();
        for (Verdict v : vs) {
            sb.append(v.name().charAt(0));
        }
        return sb.toString();
    }

    /** The table: scenario, policy, vCPUs, properties, verdicts, states, seconds, per-state ratio. */
    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-18s %-18s %5s %-6s %-8s %-8s %9s %9s %8s %8s %9s %4s  %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "scenario", "policy", "vCPUs", "props", "ours", "JPF",
                "states", "JPF st.", "ours s", "JPF s", "s/state x", "sym", "agree"));
        List<String> legend = new ArrayList<>();
        for (Row r : rows) {
            String props = String.valueOf(r.properties().size());
            sb.append(String.format(Locale.ROOT, fmt, r.scenario(), r.policy(), r.vcpus(), props,
                    letters(r.ours()), letters(r.jpf()), r.ourStates(), r.jpfStates(),
                    String.format(Locale.ROOT, "%.3f", r.ourSeconds()),
                    String.format(Locale.ROOT, "%.2f", r.jpfSeconds()),
                    String.format(Locale.ROOT, "%.0f", r.perStateRatio()), r.symmetry() ? "on" : "off",
                    r.agrees() ? "yes" : "NO"));
            for (String n : r.notes()) {
                sb.append("    note: ").append(n).append('\n');
            }
            for (String d : r.differences()) {
                sb.append("    ").append(d).append('\n');
            }
            if (legend.isEmpty()) {
                legend.addAll(r.properties());
            }
        }
        sb.append("verdict letters (H holds, V violated, I inconclusive) in property order: ")
                .append(String.join(", ", legend)).append('\n');
        return sb.toString();
    }
}
