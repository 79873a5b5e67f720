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
import tdxcheck.app.regress.Shard;
import tdxcheck.app.regress.ShardResult;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.app.suite.IoErrors;

/**
 * {@code tdxcheck regress --baseline FILE}: re-runs every run the baseline pins and prints what
 * changed. Exit code 0 when every verdict matches (state-count changes are shown, not failures,
 * unless {@code --strict-states}), 1 on a changed, new or missing verdict, 2 on a bad or
 * unreadable baseline. {@code --update} writes the fresh verdicts (atomically) and exits 0; if
 * the file does not exist it is created from the standard matrix.
 *
 * <p>Many machines: {@code --shard I/N} runs the baseline's runs k with k mod N = I and compares
 * only those; {@code --shard-out FILE} keeps its fresh verdicts; {@code --merge FILE...} runs
 * nothing and joins every shard's file into the same diff and exit code as one whole run.
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

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only shard I of N (run k of the baseline when"
            + " k mod N = I; I counts from 0) and compare only its runs.")
    String shard;

    @Option(names = "--shard-out", paramLabel = "FILE", description = "Write this run's fresh verdicts (with its"
            + " shard) to FILE, for --merge.")
    Path shardOut;

    @Option(names = "--merge", paramLabel = "FILE", arity = "1..*", description = "Run nothing: join the shard"
            + " files of every shard into one report and one exit code (with --update: write the joined baseline).")
    List<Path> merge;

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
        Shard part;
        try {
            part = shard == null ? Shard.ALL : Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (merge != null && (shard != null || shardOut != null)) {
            throw new UserError("--merge joins shard files and runs nothing: it takes no --shard or --shard-out");
        }
        if (update && shard != null) {
            throw new UserError("--update rewrites the whole baseline: run the shards with --shard-out, then"
                    + " --merge FILES --update");
        }
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
        Baseline now;
        if (merge != null) {
            now = ShardResult.merge(merge);
            n = 0;
        } else {
            // a shard compares only its own runs: the others are another shard's (--merge joins them)
            old = new Baseline(old.fairness(), part.of(old.runs()), old.also());
            now = Regression.runAll(catalog, part.of(specs), old, n);
            if (shardOut != null) {
                try {
                    ShardResult.write(shardOut, part, now);
                } catch (IOException | SecurityException e) {
                    throw new UserError("cannot write " + shardOut + ": " + IoErrors.describe(e));
                }
            }
        }
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
                    "regress: %s%d entries in %d runs (%.1f s, %s): %d unchanged, %d verdict changed, %d new,"
                            + " %d missing, %d trace changed; runs with other state counts: %d",
                    merge != null ? "merged " + merge.size() + " shard file(s): " : shard != null ? "shard " + part
                            + ": " : "", now.entries(), now.runs().size(), seconds, merge != null ? "no runs"
                            : n + " job" + (n == 1 ? "" : "s"), diff.count(BaselineDiff.Change.SAME)
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
