package tdxcheck.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tdxcheck.app.check.CounterexampleProof;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.reports.TextTraceRenderer;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;


/**
 * {@code tdxcheck replay RESULT.json}: validates the file against the schema, rebuilds each run's
 * model from its family, scenario, policy and params, replays every counterexample's action ids,
 * and checks that it proves its verdict ({@link CounterexampleProof}: each step reproduces with its
 * lock owners, the trace ends in a state violating the named property, a lasso closes a fair
 * cycle on its loopBackIndex). Exit 0 when all reproduce, 1 when one
 * diverges (the first difference is printed), 2 on bad input.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay the counterexamples of a result JSON through the model and check each step.")
final class ReplayCommand implements Callable<Integer> {
    private final Catalog catalog;
    private final PrintWriter out;

    @Parameters(index = "0", paramLabel = "RESULT.json", description = "A tdxcheck-result/1 file.")
    Path input;

    @Option(names = "--property", paramLabel = "ID", description = "Only this property's counterexamples.")
    String property;

    @Option(names = "--print", description = "Print the replayed text trace of each counterexample.")
    boolean print;

    ReplayCommand(Catalog catalog, PrintWriter out) {
        this.catalog = catalog;
        this.out = out;
    }

    @Override
    public Integer call() {
        Result result = ResultJson.read(input); // JSON, no duplicate key, valid against the schema
        int replayed = 0;
        int diverged = 0;
        for (Run run : result.runs()) {
            for (PropertyResult pr : run.results()) {
                Counterexample cx = pr.counterexample();
                if ((cx == null && pr.verdict() != Verdict.VIOLATED)
                        || (property != null && !property.equals(pr.property()))) {
                    continue;
                }
                replayed++;
                String where = run.scenario() + " [" + run.policy().label() + "] " + pr.property();
                String diff = CounterexampleProof.check(catalog, run, pr);
                if (diff == null) {
                    out.println("REPRODUCED  " + where + ": " + cx.steps().size() + " steps"
                            + (cx.isLasso() ? ", " + tdxcheck.reports.CycleName.of(cx.loopBackIndex(), cx.steps().size()) : ""));
                    if (print) {
                        out.print(new TextTraceRenderer().render(run, pr));
                    }
                } else {
                    diverged++;
                    out.println("DIVERGED    " + where + ": " + diff);
                }
            }
        }
        if (replayed == 0) {
            throw new UserError(input + " has no counterexample" + (property == null ? "" : " for " + property));
        }
        out.flush();
        return diverged == 0 ? ExitCodes.OK : ExitCodes.VIOLATED;
    }
}
