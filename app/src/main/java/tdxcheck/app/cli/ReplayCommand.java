package tdxcheck.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tdxcheck.core.engine.Replayer;
import tdxcheck.app.check.ResultMapper;
import tdxcheck.core.engine.Trace;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.Scenario;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.spi.Model;
import tdxcheck.core.property.PropertyKind;
import tdxcheck.reports.TextTraceRenderer;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Step;

/**
 * {@code tdxcheck replay RESULT.json}: rebuilds each run's model from its scenario, policy and
 * params, replays every counterexample's action ids, and checks that each step reproduces (actor,
 * action, outcome, changed fields) and that a lasso closes. Exit 0 when all reproduce, 1 when one
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
        Result result = ResultJson.read(input);
        int replayed = 0;
        int diverged = 0;
        for (Run run : result.runs()) {
            for (PropertyResult pr : run.results()) {
                Counterexample cx = pr.counterexample();
                if (cx == null || (property != null && !property.equals(pr.property()))) {
                    continue;
                }
                replayed++;
                String where = run.scenario() + " [" + run.policy().label() + "] " + pr.property();
                String diff = check(run, cx);
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

    /** Null when the counterexample reproduces, else the first difference in one line. */
    private String check(Run run, Counterexample cx) {
        Scenario s = catalog.scenario(run.scenario());
        Params p = Params.fromJson(s.defaults(), run.params());
        Model model = s.build(p, ResultMapper.corePolicy(catalog, run.policy())).model();
        int[] actions = cx.replay().actions().stream().mapToInt(Integer::intValue).toArray();
        Trace trace;
        try {
            trace = Replayer.trace(model, PropertyKind.INVARIANT, cx.replay().initialState(), actions);
        } catch (IllegalArgumentException e) {
            return Main.firstLine(e.getMessage());
        }
        List<long[]> states = trace.states();
        if (!model.fields(states.get(0)).equals(cx.initialState())) {
            return "the initial state differs";
        }
        List<Step> got = ResultMapper.steps(model, trace);
        if (got.size() != cx.steps().size()) {
            return got.size() + " steps replayed, " + cx.steps().size() + " recorded";
        }
        for (int i = 0; i < got.size(); i++) {
            Step a = got.get(i);
            Step b = cx.steps().get(i);
            if (!a.actor().equals(b.actor()) || !a.action().equals(b.action()) || !a.outcome().equals(b.outcome())
                    || !a.changes().equals(b.changes())) {
                return "step " + (i + 1) + " replays as '" + a.actor() + " " + a.action() + " -> " + a.outcome()
                        + "', recorded '" + b.actor() + " " + b.action() + " -> " + b.outcome() + "'";
            }
        }
        if (cx.isLasso() && !Objects.equals(model.fields(states.get(states.size() - 1)),
                model.fields(states.get(cx.loopBackIndex())))) {
            return "the lasso does not close: the last state differs from the state after step " + cx.loopBackIndex();
        }
        return null;
    }

}
