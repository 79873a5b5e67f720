package tdxcheck.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tdxcheck.app.RunRequest;
import tdxcheck.app.Runner;
import tdxcheck.core.catalog.AxisSpec;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Policy;
import tdxcheck.core.catalog.Preset;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;

/**
 * {@code tdxcheck compare A B}: two policies side by side, one row per scenario x property, the
 * rows whose verdicts differ marked. A policy is a preset id or the axis values joined with '+'
 * as the matrix labels them ({@code local-retry+kick-before-block}). Exit code 0 when every
 * verdict agrees, 1 when one differs (like diff), 2 on bad input.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check scenarios under two policies and show the verdicts side by side.")
final class CompareCommand implements Callable<Integer> {
    private final Catalog catalog;
    private final PrintWriter out;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "A preset, or axis values joined with '+' (fault+zap).")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "The policy to compare with.")
    String b;

    @Option(names = "--scenario", paramLabel = "ID", split = ",",
            description = "Scenario to check (repeatable; default: the family's default set).")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--property", paramLabel = "ID", split = ",", description = "Only these properties (default: all).")
    List<String> propertyIds = new ArrayList<>();

    @Option(names = "--all-rows", description = "Show the rows where both agree too (default: only a count of them).")
    boolean allRows;

    CompareCommand(Catalog catalog, PrintWriter out, PrintStream progress) {
        this.catalog = catalog;
        this.out = out;
    }

    /** A preset id, or the axis values in the family's axis order joined with '+'. */
    Policy policy(String text) {
        for (Preset p : catalog.presets()) {
            if (p.id().equals(text)) {
                return catalog.resolvePolicy(text, Map.of());
            }
        }
        String[] parts = text.split("\\+", -1);
        List<AxisSpec> axes = catalog.axes();
        if (parts.length != axes.size() || axes.isEmpty()) {
            throw new UserError("unknown policy '" + text + "': give a preset ("
                    + String.join(", ", catalog.presets().stream().map(Preset::id).toList()) + ") or "
                    + String.join("+", axes.stream().map(AxisSpec::name).toList()));
        }
        Map<String, String> c = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            c.put(axes.get(i).name(), axes.get(i).check(parts[i]));
        }
        return catalog.resolvePolicy(null, c);
    }

    @Override
    public Integer call() {
        Policy pa = policy(a);
        Policy pb = policy(b);
        Runner.checkPropertyIds(catalog, propertyIds);
        Map<String, String> given = FamilyOptions.paramTexts(spec, catalog);
        List<String> ids = scenarios.isEmpty() ? catalog.defaultScenarioIds() : scenarios;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"scenario", "property", pa.label(), pb.label(), ""});
        int differ = 0;
        int same = 0;
        for (String id : ids) {
            Params params = catalog.scenario(id).defaults();
            for (Map.Entry<String, String> e : given.entrySet()) {
                if (!params.has(e.getKey())) { // e.g. the huge-page parameters outside the huge-page scenarios
                    throw new tdxcheck.core.spi.ModelException("scenario " + id + " does not take --" + e.getKey());
                }
                params = params.withText(e.getKey(), e.getValue());
            }
            Run ra = run(id, params, pa);
            Run rb = run(id, params, pb);
            for (PropertyResult x : ra.results()) {
                PropertyResult y = rb.result(x.property());
                String vy = y == null ? "-" : y.verdict().name();
                boolean differs = !x.verdict().name().equals(vy);
                if (differs) {
                    differ++;
                } else {
                    same++;
                }
                if (differs || allRows) {
                    rows.add(new String[] {id, x.property(), x.verdict().name(), vy, differs ? "<- differs" : ""});
                }
            }
        }
        out.print(Table.render(rows));
        out.printf("%d verdict%s differ%s, %d agree%s%n", differ, differ == 1 ? "" : "s", differ == 1 ? "s" : "",
                same, allRows || same == 0 ? "" : " (--all-rows shows them)");
        out.flush();
        return differ > 0 ? ExitCodes.VIOLATED : ExitCodes.OK;
    }

    private Run run(String scenario, Params params, Policy p) {
        RunRequest r = new RunRequest(catalog, scenario, params, p, propertyIds, Fairness.defaultFairness(),
                SearchConfig.defaults(), null);
        Runner.target(r);
        return Runner.run(r);
    }

    /** Left-aligned columns, two spaces apart, trailing blanks stripped. */
    static final class Table {
        private Table() {
        }

        static String render(List<String[]> rows) {
            int cols = rows.get(0).length;
            int[] w = new int[cols];
            for (String[] r : rows) {
                for (int c = 0; c < cols; c++) {
                    w[c] = Math.max(w[c], r[c].length());
                }
            }
            StringBuilder sb = new StringBuilder();
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < cols; c++) {
                    line.append(r[c]).append(" ".repeat(w[c] - r[c].length() + 2));
                }
                sb.append(line.toString().stripTrailing()).append('\n');
            }
            return sb.toString();
        }
    }
}
