package tdxcheck.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tdxcheck.app.regress.Shard;
import tdxcheck.core.check.Swarm;
import tdxcheck.core.engine.ProgressPrinter;
import tdxcheck.app.RunRequest;
import tdxcheck.app.Runner;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.FairnessPlan;
import tdxcheck.core.engine.Strategy;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Policy;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Tool;
import tdxcheck.reports.result.Verdict;

/**
 * {@code tdxcheck verify}: checks scenarios under a policy, prints the verdict matrix, writes
 * the tdxcheck-result/1 JSON. Exit code 0 all hold, 1 a violation, 2 bad input, 3 inconclusive.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check scenarios under a retry policy and print the verdict of every property.")
final class VerifyCommand implements Callable<Integer> {
    /** File name of the result inside --out DIR. */
    static final String RESULT_FILE = "result.json";

    private final Catalog catalog;
    private final PrintWriter out;
    private final PrintStream progress;

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "ID", split = ",",
            description = "Scenario to check (repeatable; default: the catalog's default set).")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "P", split = ",",
            description = "Policy preset (repeatable; default: the catalog's default preset).")
    List<String> presets = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Search threads, 1 or more (default: one per processor; liveness runs on one).")
    Integer threads;

    @Option(names = "--max-states", paramLabel = "N", description = "Stop after N distinct states, N >= 1 (default: unbounded; a hit bound is INCONCLUSIVE).")
    Long maxStates;

    @Option(names = "--max-depth", paramLabel = "N", description = "Do not expand states at depth N, N >= 1 (default: unbounded; INCONCLUSIVE when hit).")
    Integer maxDepth;

    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "Time budget per run, seconds > 0, fractions allowed (default: unbounded; INCONCLUSIVE when hit).")
    Double timeLimit;

    @Option(names = "--dfs", description = "Depth-first search (single thread; counterexamples not shortest; ignored for no-busy-livelock).")
    boolean dfs;

    @Option(names = "--all", description = "Keep searching after violations and count every violating state.")
    boolean all;

    @Option(names = "--exact", description = "Store full states and count fingerprint collisions (printed after the matrix).")
    boolean exact;

    @Option(names = "--no-symmetry", description = "Turn vCPU symmetry reduction off.")
    boolean noSymmetry;

    @Option(names = "--por", description = "Partial-order reduction of the safety search: steps that touch only their"
            + " own vCPU are not interleaved (one thread; same verdicts, counterexamples may be longer; ignored for"
            + " no-busy-livelock and with --dfs or --all).")
    boolean por;

    @Option(names = "--property", paramLabel = "ID", split = ",",
            description = "Check only these properties (repeatable; default: all).")
    List<String> propertyIds = new ArrayList<>();

    @Option(names = "--fairness", paramLabel = "F[,F]", defaultValue = "hw",
            description = "Fairness for no-busy-livelock: hw (default), weak, strong or none; a list "
                    + "(hw,weak) decides under each, the first gives the verdict.")
    String fairness;

    @Option(names = "--window-steps", paramLabel = "N", defaultValue = "2",
            description = "Fairness hw: steps the other actors may take while an actor is inside a momentary "
                    + "lock hold (default 2).")
    int windowSteps;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the tdxcheck-result/1 JSON to FILE.")
    Path json;

    @Option(names = "--out", paramLabel = "DIR", description = "Write result.json, summary.md, report.html, text traces and DOT lassos into DIR.")
    Path outDir;

    @Option(names = "--engine", paramLabel = "E", defaultValue = "own",
            description = "own (default) or jpf: explore under a jpf-core (see --jpf-home; README, Running under JPF).")
    String engine;

    @Option(names = "--jpf-home", paramLabel = "DIR", description = "The jpf-core for --engine jpf (default: $JPF_HOME).")
    Path jpfHome;

    @Option(names = "--bfs", description = "--engine jpf: JPF's breadth-first search (shortest counterexamples).")
    boolean bfs;

    @Option(names = "--no-color", description = "No colour in the matrix (default: colour on a terminal unless $NO_COLOR"
            + " is set).")
    boolean noColor;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors; the exit code tells the verdict.")
    boolean quiet;

    @Option(names = "--disk", paramLabel = "DIR", description = "Past the heap: a seen-set that spills its"
            + " fingerprints to a sorted file in DIR from the start, whenever the heap runs short (slower; safety"
            + " runs, one thread). Without it a breadth-first safety run switches to a temporary directory by"
            + " itself when the heap runs short (see --no-disk).")
    Path disk;

    @Option(names = "--no-disk", description = "Keep the seen-set in memory: without it, a breadth-first safety"
            + " run moves its seen-set to a temporary directory when the heap runs short (one line on stderr) and"
            + " goes on, slower; with it, out of memory is INCONCLUSIVE.")
    boolean noDisk;

    @Option(names = "--swarm", paramLabel = "N", description = "Past exhaustive: N randomised depth-first runs"
            + " (per run --max-depth, default 1000, and --max-states, default 200000); violations come with"
            + " replayable traces, and no property ever HOLDS (the coverage is reported).")
    Integer swarm;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the --swarm runs (default 1): the same seed"
            + " gives the same runs.")
    Long seed;

    @Option(names = "--shard", paramLabel = "I/N", description = "Check only shard I of N of the runs (scenario x"
            + " policy, or suite files, in order: run k when k mod N = I; I counts from 0).")
    String shard;

    /** --suite, --set, --print-config: layered configuration, run by {@link SuiteVerify}. */
    @Mixin
    SuiteOptions suiteOptions = new SuiteOptions();

    /** --junit, --github: the CI outputs. */
    @Mixin
    CiOptions ci = new CiOptions();

    /** The environment ($GITHUB_STEP_SUMMARY, $NO_COLOR); tests replace it. */
    Map<String, String> env = System.getenv();

    VerifyCommand(Catalog catalog, PrintWriter out, PrintStream progress) {
        this.catalog = catalog;
        this.out = out;
        this.progress = progress;
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * JPF runs its own single-threaded search over its own state store: options of our engine's
     * search would be silently ignored there, so they are refused (one line, exit 2).
     */
    private void rejectOptionsJpfCannotHonour() {
        List<String> refused = new ArrayList<>();
        if (threads != null) {
            refused.add("--threads");
        }
        if (exact) {
            refused.add("--exact");
        }
        if (disk != null) {
            refused.add("--disk");
        }
        if (noDisk) {
            refused.add("--no-disk");
        }
        if (swarm != null) {
            refused.add("--swarm");
        }
        if (por) {
            refused.add("--por");
        }
        if (!refused.isEmpty()) {
            throw bad("--engine jpf does not take " + String.join(", ", refused) + ": JPF runs its own"
                    + " single-threaded search and state store (use --engine own)");
        }
        if (dfs && bfs) {
            throw bad("give --dfs or --bfs, not both");
        }
    }

    private void atLeastOne(String option, Number v) {
        if (v != null && v.longValue() < 1) {
            throw bad(option + " must be at least 1 (got " + v + ")");
        }
    }

    @Override
    public Integer call() {
        if (!engine.equals("own") && !engine.equals("jpf")) {
            throw bad("--engine must be own or jpf (got " + engine + ")");
        }
        if (suiteOptions.active() && engine.equals("jpf")) {
            throw bad("--engine jpf does not take a suite; give --scenario and --policy");
        }
        if (engine.equals("jpf")) {
            rejectOptionsJpfCannotHonour();
        }
        if (suiteOptions.active()) {
            return SuiteVerify.run(this, suiteOptions, catalog, out, progress);
        }
        atLeastOne("--threads", threads);
        atLeastOne("--max-states", maxStates);
        atLeastOne("--max-depth", maxDepth);
        if (timeLimit != null && !(timeLimit > 0 && timeLimit < 1e9)) {
            throw bad("--time-limit must be a positive number of seconds (got " + timeLimit + ")");
        }
        FairnessPlan fair;
        try {
            fair = FairnessPlan.parse(fairness, windowSteps);
        } catch (IllegalArgumentException e) {
            throw bad(Main.firstLine(e.getMessage()));
        }
        atLeastOne("--swarm", swarm);
        if (seed != null && swarm == null) {
            throw bad("--seed is the seed of --swarm runs: give --swarm N too");
        }
        Runner.checkPropertyIds(catalog, propertyIds);
        List<Policy> policies = policies();
        Map<String, String> given = FamilyOptions.paramTexts(spec, catalog);
        List<String> ids = scenarios.isEmpty() ? catalog.defaultScenarioIds() : scenarios;
        List<RunRequest> jobs = new ArrayList<>();
        for (String id : ids) {
            Params params = catalog.scenario(id).defaults();
            for (Map.Entry<String, String> e : given.entrySet()) {
                if (!params.has(e.getKey())) { // e.g. the huge-page parameters outside the huge-page scenarios
                    throw new tdxcheck.core.spi.ModelException("scenario " + id + " does not take --" + e.getKey());
                }
                params = params.withText(e.getKey(), e.getValue());
            }
            for (Policy p : policies) {
                RunRequest r = new RunRequest(catalog, id, params, p, propertyIds, fair, SearchConfig.defaults(),
                        null);
                Runner.target(r); // bad parameters or policy: one line before any run starts
                jobs.add(r);
            }
        }

        List<RunRequest> mine = shard().of(jobs);
        Tool tool = Version.tool(catalog);
        ResultOutputs outputs = new ResultOutputs(json, outDir, mine.size(), out, tool);
        if (engine.equals("jpf")) {
            JpfVerify.checkSelection(mine);
            outputs.prepare();
            return JpfVerify.run(mine, jpfOptions(all), jpfHome, outputs, quiet, out, progress); // --all: go on
        }
        outputs.prepare();
        ci.prepare();
        List<Run> runs = new java.util.concurrent.CopyOnWriteArrayList<>(); // read by the interrupt hook
        return outputs.guarded(runs, progress, () -> {
            for (RunRequest j : mine) {
                SearchConfig.Builder cfg = searchConfig();
                if (!quiet) {
                    cfg.listener(new ProgressPrinter(progress, j.label()));
                }
                RunRequest req = j.withSearch(cfg.build());
                CheckResult checked = swarm != null
                        ? Swarm.check(Runner.target(req), req.search(), swarm, seed != null ? seed : 1)
                        : Runner.check(req);
                if (!quiet) {
                    List<String> notes = notes(checked.search().plan().overrides(), threads != null);
                    boolean liveness = checked.verdicts().stream()
                            .anyMatch(v -> v.property().kind() == tdxcheck.core.property.PropertyKind.LIVENESS);
                    if (dfs && liveness && notes.stream().noneMatch(n -> n.startsWith("--dfs"))) {
                        // the liveness graph has its own breadth-first search; --dfs only orders the safety one
                        notes.add("--dfs is ignored for no-busy-livelock: its state graph is built breadth-first");
                    }
                    if (por && liveness && notes.stream().noneMatch(n -> n.startsWith("--por"))) {
                        // the safety search is reduced; the liveness graph (hw fairness: its own search) is not
                        notes.add("--por is ignored for no-busy-livelock: its state graph must be complete");
                    }
                    for (String o : notes) {
                        progress.println("tdxcheck: " + j.label() + ": " + o);
                    }
                }
                runs.add(Runner.toRun(req, checked));
                // after every run, marked partial: an interrupted verify keeps the runs it finished
                outputs.progress(runs);
                ci.written(Result.of(tool, runs));
            }
            // the verdicts first, then the files: a full disk cannot hide them (issue 16)
            printVerdicts(runs, outputs);
            ci.finished(Result.of(tool, runs), out, env);
            return outputs.finishOr(runs, progress, exitCode(runs));
        });
    }

    /** The verdict matrix and the fingerprint line, on stdout (stderr when --json - has stdout). */
    void printVerdicts(List<Run> runs, ResultOutputs outputs) {
        if (quiet) {
            return;
        }
        String text = VerdictMatrix.render(runs, colour()) + VerdictMatrix.fingerprints(runs);
        if (outputs.jsonToStdout()) {
            progress.print(text);
            progress.flush();
        } else {
            out.print(text);
            out.flush();
        }
    }

    /**
     * The policies of this command line: each --policy preset, or every combination of the axis
     * values given (--fault-retry a,b --zap-retry c,d: four), or the default preset.
     */
    List<Policy> policies() {
        List<Map<String, String>> combos = FamilyOptions.axisCombinations(spec, catalog);
        List<Policy> policies = new ArrayList<>();
        if (presets.isEmpty()) {
            for (Map<String, String> c : combos) {
                Policy p = catalog.resolvePolicy(null, c);
                if (!policies.contains(p)) {
                    policies.add(p);
                }
            }
        } else {
            for (String p : presets) {
                policies.add(catalog.resolvePolicy(p, combos.get(0)));
            }
        }
        return policies;
    }

    /**
     * What to say on stderr about the search plan's overrides: an option the user gave that this run
     * ignores ({@code --dfs} with no-busy-livelock). The thread count is only mentioned when
     * {@code --threads} was given: the default (one per processor) needs no apology.
     */
    static List<String> notes(List<String> overrides, boolean threadsGiven) {
        List<String> l = new ArrayList<>();
        for (String o : overrides) {
            if (o.startsWith("BFS instead of DFS")) {
                l.add("--dfs is ignored with no-busy-livelock: " + o);
            } else if (o.startsWith("partial-order reduction off")) {
                l.add("--por: " + o);
            } else if (o.startsWith("1 thread instead of")) {
                if (threadsGiven) {
                    l.add("--threads: " + o);
                }
            } else {
                l.add(o);
            }
        }
        return l;
    }

    /** Colour only on a terminal, unless --no-color or $NO_COLOR (no-color.org) says otherwise. */
    boolean colour() {
        String nc = env.get("NO_COLOR");
        return !noColor && (nc == null || nc.isEmpty()) && System.console() != null && !"dumb".equals(env.get("TERM"));
    }

    /** The --shard of this command line (the whole list without one); bad input is one line. */
    Shard shard() {
        try {
            return shard == null ? Shard.ALL : Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    static int exitCode(List<Run> runs) {
        boolean violated = false;
        boolean inconclusive = false;
        for (Run r : runs) {
            for (PropertyResult p : r.results()) {
                violated |= p.verdict() == Verdict.VIOLATED;
                inconclusive |= p.verdict() == Verdict.INCONCLUSIVE;
            }
        }
        return violated ? ExitCodes.VIOLATED : inconclusive ? ExitCodes.INCONCLUSIVE : ExitCodes.OK;
    }

    /** The JPF search options of this command line ({@code exhaustive}: go on after every violation). */
    tdxcheck.app.jpf.JpfEngine.Options jpfOptions(boolean exhaustive) {
        return new tdxcheck.app.jpf.JpfEngine.Options(bfs, maxDepth == null ? 0 : maxDepth,
                timeLimit == null ? 0 : timeLimit, maxStates == null ? 0 : maxStates, !noSymmetry, exhaustive);
    }

    /** The search options of this command line (without a listener). */
    SearchConfig.Builder searchConfig() {
        SearchConfig.Builder cfg = SearchConfig.builder()
                .strategy(dfs ? Strategy.DFS : Strategy.BFS)
                .collectAll(all)
                .exact(exact)
                .symmetry(!noSymmetry)
                .partialOrder(por);
        if (threads != null) {
            cfg.threads(threads);
        }
        if (maxStates != null) {
            cfg.maxStates(maxStates);
        }
        if (maxDepth != null) {
            cfg.maxDepth(maxDepth);
        }
        if (timeLimit != null) {
            cfg.timeBudget(Duration.ofMillis(Math.max(1, Math.round(timeLimit * 1000))));
        }
        if (disk != null && noDisk) {
            throw bad("give --disk DIR or --no-disk, not both");
        }
        cfg.autoDisk(!noDisk);
        if (disk != null) {
            if (Files.exists(disk) && !Files.isDirectory(disk)) {
                throw bad("--disk " + disk + ": not a directory");
            }
            cfg.disk(disk);
        }
        return cfg;
    }
}
