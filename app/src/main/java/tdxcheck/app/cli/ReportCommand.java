package tdxcheck.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tdxcheck.reports.ReportWriter;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;

/** {@code tdxcheck report RESULT.json --out DIR}: re-renders every report from a result JSON. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Re-render the reports (summary.md, report.html, text traces, DOT) from a result JSON.")
final class ReportCommand implements Callable<Integer> {
    private final PrintWriter out;

    @Parameters(index = "0", paramLabel = "RESULT.json", description = "A tdxcheck-result/1 file.")
    Path input;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write into.")
    Path outDir;

    @Option(names = "--full-state", description = "Text traces show every field after each step.")
    boolean fullState;

    @Option(names = "--full-trace", description = "Text traces show every step (repeated round trips are folded by"
            + " default).")
    boolean fullTrace;

    ReportCommand(PrintWriter out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        Result result = ResultJson.read(input);
        List<Path> written;
        try {
            written = new ReportWriter().withFullStateTraces(fullState).withFullTraces(fullTrace).write(result, outDir);
        } catch (IOException | SecurityException e) {
            throw new UserError("cannot write reports to " + outDir + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + Main.firstLine(e.getMessage())));
        }
        out.println("wrote " + written.size() + " files to " + outDir);
        return ExitCodes.OK;
    }
}
