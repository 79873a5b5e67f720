package tdxcheck.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tdxcheck.app.RunRequest;
import tdxcheck.app.Runner;
import tdxcheck.app.jpf.JpfCanary;
import tdxcheck.app.jpf.JpfEngine;
import tdxcheck.app.jpf.JpfHome;
import tdxcheck.app.jpf.JpfJson;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;
import tdxcheck.app.suite.IoErrors;

/** {@code verify --engine jpf}: the selected runs under the user's jpf-core, after the canary. */
final class JpfVerify {
    private JpfVerify() {
    }

    /** The jpf-core of {@code --jpf-home} or $JPF_HOME, checked, and the canary passed. */
    static JpfHome home(Path option) {
        JpfHome home = JpfHome.resolve(option);
        JpfCanary.check(home, Families.find(Families.DEFAULT));
        return home;
    }

    /** Fails with one line before any run if a run has nothing JPF can check (liveness only). */
    static void checkSelection(List<RunRequest> jobs) {
        for (RunRequest j : jobs) {
            if (JpfEngine.safety(Runner.target(j)).isEmpty()) {
                throw new UserError("nothing for JPF to check in " + j.label() + ": only liveness properties"
                        + " selected, and JPF has no fair-cycle liveness (use --engine own)");
            }
        }
    }

    static int run(List<RunRequest> jobs, JpfEngine.Options options, Path jpfHome, ResultOutputs outputs,
                   boolean quiet, PrintWriter out, PrintStream progress) {
        checkSelection(jobs);
        JpfHome home = home(jpfHome);
        List<Run> runs = new ArrayList<>();
        List<Map<String, Object>> fields = new ArrayList<>();
        for (RunRequest j : jobs) {
            if (!quiet) {
                progress.println("tdxcheck: " + j.label() + " under JPF...");
            }
            JpfEngine.JpfRun r = JpfEngine.run(home, j, options);
            runs.add(r.run());
            fields.add(r.jsonFields());
            outputs.write(Result.of(Version.get(), runs));
            try {
                JpfJson.annotate(outputs.json(), fields);
                JpfJson.annotate(outputs.outDir() == null ? null
                        : outputs.outDir().resolve(VerifyCommand.RESULT_FILE), fields);
            } catch (IOException e) {
                throw new UserError("cannot write the JPF fields of the result: " + IoErrors.describe(e));
            }
        }
        if (!quiet) {
            out.print(VerdictMatrix.render(runs));
            out.println("engine: jpf (" + home.dir() + "); no-busy-livelock is not checked under JPF");
            out.flush();
        }
        return exitCode(runs);
    }

    /** Like verify's, but a property JPF does not check is not an inconclusive verdict. */
    static int exitCode(List<Run> runs) {
        boolean violated = false;
        boolean inconclusive = false;
        for (Run r : runs) {
            for (PropertyResult p : r.results()) {
                violated |= p.verdict() == Verdict.VIOLATED;
                inconclusive |= p.verdict() == Verdict.INCONCLUSIVE && !JpfEngine.NOT_CHECKED.equals(p.reason());
            }
        }
        return violated ? ExitCodes.VIOLATED : inconclusive ? ExitCodes.INCONCLUSIVE : ExitCodes.OK;
    }
}
