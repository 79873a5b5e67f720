package tdxcheck.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tdxcheck.app.RunRequest;
import tdxcheck.app.Runner;
import tdxcheck.app.jpf.Crosscheck;
import tdxcheck.app.jpf.JpfHome;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Policy;
import tdxcheck.core.catalog.Preset;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;

/**
 * {@code tdxcheck crosscheck}: the same runs under our engine and under JPF; a table of both
 * engines' verdicts (property by property), distinct states and times; exit 1 on any difference.
 */
@Command(name = "crosscheck", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run our engine and JPF on the same runs and compare verdicts and state counts.")
final class CrosscheckCommand implements Callable<Integer> {
    private final Catalog catalog;
    private final PrintWriter out;
    private final PrintStream progress;

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "ID", split = ",",
            description = "Scenario (repeatable; default: the catalog's default set).")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "P", split = ",",
            description = "Policy preset (repeatable; default: every preset).")
    List<String> presets = new ArrayList<>();

    @Option(names = "--property", paramLabel = "ID", split = ",",
            description = "Compare only these properties (default: every safety property).")
    List<String> propertyIds = new ArrayList<>();

    @Option(names = "--jpf-home", paramLabel = "DIR", description = "The jpf-core (default: $JPF_HOME).")
    Path jpfHome;

    @Option(names = "--bfs", description = "JPF's breadth-first search.")
    boolean bfs;

    @Option(names = "--no-symmetry", description = "Both engines without vCPU symmetry reduction.")
    boolean noSymmetry;

    CrosscheckCommand(Catalog catalog, PrintWriter out, PrintStream progress) {
        this.catalog = catalog;
        this.out = out;
        this.progress = progress;
    }

    @Override
    public Integer call() {
        Runner.checkPropertyIds(catalog, propertyIds);
        Map<String, String> axes = FamilyOptions.axisChoices(spec, catalog);
        List<Policy> policies = new ArrayList<>();
        if (!presets.isEmpty()) {
            for (String p : presets) {
                policies.add(catalog.resolvePolicy(p, axes));
            }
        } else if (!axes.isEmpty()) {
            policies.add(catalog.resolvePolicy(null, axes));
        } else {
            for (Preset p : catalog.presets()) {
                policies.add(catalog.resolvePolicy(p.id(), Map.of()));
            }
        }
        Map<String, String> given = FamilyOptions.paramTexts(spec, catalog);
        List<RunRequest> jobs = new ArrayList<>();
        for (String id : scenarios.isEmpty() ? catalog.defaultScenarioIds() : scenarios) {
            Params params = catalog.scenario(id).defaults();
            for (Map.Entry<String, String> e : given.entrySet()) {
                if (!params.has(e.getKey())) { // e.g. the huge-page parameters outside the huge-page scenarios
                    throw new tdxcheck.core.spi.ModelException("scenario " + id + " does not take --" + e.getKey());
                }
                params = params.withText(e.getKey(), e.getValue());
            }
            for (Policy p : policies) {
                RunRequest r = new RunRequest(catalog, id, params, p, propertyIds, Fairness.defaultFairness(),
                        SearchConfig.defaults(), null);
                Runner.target(r);
                jobs.add(r);
            }
        }
        JpfVerify.checkSelection(jobs);
        JpfHome home = JpfVerify.home(jpfHome);
        List<Crosscheck.Row> rows = new ArrayList<>();
        for (RunRequest r : jobs) {
            progress.println("tdxcheck: crosscheck " + r.label() + "...");
            rows.add(Crosscheck.compare(home, r, bfs, !noSymmetry));
        }
        out.print(Crosscheck.table(rows));
        boolean same = rows.stream().allMatch(Crosscheck.Row::agrees);
        out.println(same ? "both engines agree on " + rows.size() + " runs"
                : "the engines DISAGREE: see the rows marked NO");
        out.flush();
        return same ? ExitCodes.OK : ExitCodes.VIOLATED;
    }
}
