package tdxcheck.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.app.regress.Baseline;
import tdxcheck.app.regress.BaselineDiff;
import tdxcheck.app.regress.Regression;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.app.suite.IoErrors;

/**
 * {@code tdxcheck regress --baseline FILE}: re-runs every run the baseline pins and prints what
 * changed. Exit code 0 when every verdict matches (state-count changes are shown, not failures,
 * unless {@code --strict-states}), 1 on a changed, new or missing verdict, 2 on a bad or
 * unreadable baseline. {@code --update} writes the fresh verdicts (atomically) and exits 0; if
 * the file does not exist it is created from the standard matrix.
 */
@Command(name = "regress", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Re-run every entry of a verdict baseline and report verdict changes (exit 1).")
final class RegressCommand implements Callable<Integer> {
    private final Catalog catalog;
    private final PrintWriter out;

    @Option(names = "--baseline", paramLabel = "FILE", required = true,
            description = "The baseline JSON (e.g. baseline/verdicts.json).")
    Path baseline;

    @Option(names = "--update", description = "Write the fresh verdicts to FILE (create it from the standard"
            + " matrix if missing) and exit 0.")
    boolean update;

    @Option(names = "--strict-states", description = "A changed state count fails too (exit 1).")
    boolean strictStates;

    @Option(names = "--all-rows", description = "List every entry, not only the changed ones.")
    boolean allRows;

    @Option(names = "--jobs", paramLabel = "N", description = "Runs checked in parallel (default: one per processor).")
    Integer jobs;

    @Option(names = {"-q", "--quiet"}, description = "Print only what changed.")
    boolean quiet;

    RegressCommand(Catalog catalog, PrintWriter out) {
        this.catalog = catalog;
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        if (jobs != null && jobs < 1) {
            throw new UserError("--jobs must be at least 1 (got " + jobs + ")");
        }
        int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        Baseline old;
        List<Regression.Spec> specs;
        if (update && !Files.exists(baseline)) {
            // weak first (the verdicts pinned since the start), hw next to it (the default of verify)
            old = new Baseline(Fairness.WEAK, List.of(), List.of(Fairness.HW));
            specs = Regression.standardMatrix(catalog);
        } else {
            old = Baseline.read(baseline);
            specs = Regression.specs(old, catalog, baseline.toString());
        }
        long t0 = System.nanoTime();
        Baseline now = Regression.runAll(catalog, specs, old, n);
        double seconds = (System.nanoTime() - t0) / 1e9;
        BaselineDiff diff = BaselineDiff.compare(old, now, catalog);

        String table = diff.table(allRows);
        if (!table.isEmpty()) {
            out.print(table);
            out.println();
        }
        String details = diff.details(strictStates);
        if (!details.isEmpty() && !update) {
            out.print(details);
            out.println();
        }
        if (!quiet || diff.fails(strictStates)) {
            out.println(String.format(Locale.ROOT,
                    "regress: %d entries in %d runs (%.1f s, %d job%s): %d unchanged, %d verdict changed, %d new,"
                            + " %d missing, %d trace changed; runs with other state counts: %d",
                    now.entries(), now.runs().size(), seconds, n, n == 1 ? "" : "s", diff.count(BaselineDiff.Change.SAME)
                            + diff.count(BaselineDiff.Change.STATES), diff.count(BaselineDiff.Change.VERDICT),
                    diff.count(BaselineDiff.Change.NEW), diff.count(BaselineDiff.Change.MISSING),
                    diff.count(BaselineDiff.Change.TRACE), diff.runsWithOtherStateCounts()));
        }
        if (update) {
            try {
                now.write(baseline);
            } catch (IOException | SecurityException e) {
                throw new UserError("cannot write " + baseline + ": " + IoErrors.describe(e));
            }
            out.println("regress: baseline " + baseline + " updated (" + now.entries() + " entries)");
            out.flush();
            return ExitCodes.OK;
        }
        boolean fails = diff.fails(strictStates);
        if (fails) {
            out.println("regress: FAILED: verdicts differ from " + baseline
                    + " (if the change is intended, rerun with --update and commit the baseline with the reason)");
        } else if (!quiet) {
            out.println("regress: ok, every verdict matches " + baseline);
        }
        out.flush();
        return fails ? ExitCodes.VIOLATED : ExitCodes.OK;
    }
}
