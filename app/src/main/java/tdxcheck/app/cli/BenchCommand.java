package tdxcheck.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tdxcheck.app.bench.BenchCase;
import tdxcheck.app.bench.BenchReport;
import tdxcheck.app.bench.BenchRunner;
import tdxcheck.app.bench.BenchSuite;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.catalog.Catalog;

/**
 * {@code tdxcheck bench}: the official speed and memory measurement. Runs the fixed runs of
 * {@link BenchSuite} (or its {@code --quick} subset), prints a table and optionally writes the
 * {@code tdxcheck-bench/1} JSON. Exit code 0, or 2 on bad input; verdicts do not change it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the checker: states/s, time, memory per state, symmetry and thread scaling.")
final class BenchCommand implements Callable<Integer> {
    private final Catalog catalog;
    private final PrintWriter out;
    private final PrintStream progress;

    @Spec
    CommandSpec spec;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "Measured repetitions per run; times are medians (default 3).")
    int repeat;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1",
            description = "Unmeasured repetitions per run before the measured ones (default 1).")
    int warmup;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Threads of the runs that do not pin their own (default 1; the threads group "
                    + "always runs on 1 and 2).")
    int threads;

    @Option(names = "--no-symmetry", description = "Turn vCPU symmetry reduction off.")
    boolean noSymmetry;

    @Option(names = "--quick", description = "A smoke subset of small runs.")
    boolean quick;

    @Option(names = "--group", paramLabel = "G", split = ",", description = "Run only these groups: default-suite,"
            + " fault-storm, liveness, threads, scale, por (scale and por are never in the default run: minutes and"
            + " GBs).")
    List<String> groups;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the tdxcheck-bench/1 JSON to FILE.")
    Path json;

    @Option(names = {"-q", "--quiet"}, description = "Do not print a line per finished run on stderr.")
    boolean quiet;

    BenchCommand(Catalog catalog, PrintWriter out, PrintStream progress) {
        this.catalog = catalog;
        this.out = out;
        this.progress = progress;
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() {
        if (repeat < 1) {
            throw bad("--repeat must be at least 1 (got " + repeat + ")");
        }
        if (warmup < 0) {
            throw bad("--warmup must not be negative (got " + warmup + ")");
        }
        if (threads < 1) {
            throw bad("--threads must be at least 1 (got " + threads + ")");
        }
        if (json != null) {
            OutputPaths.checkWritable(json); // before minutes of benchmarking, not after
        }
        if (groups != null) {
            for (String g : groups) {
                if (!BenchSuite.GROUPS.contains(g)) {
                    throw bad("unknown bench group '" + g + "' (known: " + String.join(", ", BenchSuite.GROUPS) + ")");
                }
            }
            if (quick) {
                throw bad("--quick and --group do not combine");
            }
        }
        List<BenchCase> cases = groups != null ? BenchSuite.groups(groups) : quick ? BenchSuite.quick()
                : BenchSuite.full();
        BenchRunner runner = new BenchRunner(catalog, new BenchRunner.Options(repeat, warmup, threads, !noSymmetry),
                quiet ? null : progress);
        BenchReport report = new BenchReport(runner.run(cases), new BenchReport.Settings(repeat, warmup, threads,
                !noSymmetry, quick, SearchConfig.defaults().seed()), Version.get());
        out.print(report.text());
        out.flush();
        if (json != null) {
            try {
                report.writeJson(json);
            } catch (IOException | SecurityException e) {
                throw new UserError("cannot write " + json + ": " + tdxcheck.app.suite.IoErrors.describe(e));
            }
        }
        return ExitCodes.OK;
    }
}
