package tdxcheck.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ParseResult;
import tdxcheck.core.engine.ProgressPrinter;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.app.suite.ConfigKey;
import tdxcheck.app.suite.ConfigLayer;
import tdxcheck.app.suite.SuiteConfig;
import tdxcheck.app.suite.SuiteException;
import tdxcheck.app.suite.Suites;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Tool;

/**
 * {@code verify --suite FILE|DIR ... [overrides]}, {@code --set KEY=VALUE} and
 * {@code --print-config}: each suite file is one configuration, layered as built-in defaults
 * &lt; the file &lt; the command line (verify's own options, then {@code --set}). Without
 * {@code --suite} the layers are defaults &lt; command line. With {@code expect.*} keys a file
 * passes when every expectation matches, whatever the verdicts; without, its verdicts decide as
 * in plain verify. Exit code: 1 if any file failed, else 3 if any was inconclusive, else 0.
 */
final class SuiteVerify {
    private SuiteVerify() {
    }

    static int run(VerifyCommand cmd, SuiteOptions opts, Catalog catalog, PrintWriter out, PrintStream progress) {
        ConfigLayer cli = commandLineLayer(cmd, opts, catalog);
        List<SuiteConfig> configs;
        String layers;
        if (opts.suites.isEmpty()) {
            configs = List.of(SuiteConfig.resolve(catalog, "the command line", !opts.printConfig, List.of(cli)));
            layers = "built-in defaults < command line";
        } else {
            configs = Suites.load(opts.suites, cli, catalog);
            layers = null;
        }
        if (opts.printConfig) {
            for (int i = 0; i < configs.size(); i++) {
                SuiteConfig c = configs.get(i);
                if (i > 0) {
                    out.println();
                }
                out.print(Suites.printConfig(c, layers != null ? layers
                        : "built-in defaults < " + c.origin() + " < command line"));
            }
            out.flush();
            return ExitCodes.OK;
        }
        configs = cmd.shard().of(configs);
        Tool tool = Version.tool(catalog);
        ResultOutputs outputs = new ResultOutputs(cmd.json, cmd.outDir, configs.size(), out, tool);
        outputs.prepare();
        cmd.ci.prepare();
        List<Run> runs = new java.util.concurrent.CopyOnWriteArrayList<>(); // read by the interrupt hook
        List<SuiteConfig> all = configs;
        return outputs.guarded(runs, progress, () -> runAll(cmd, all, catalog, out, progress, outputs, runs));
    }

    private static int runAll(VerifyCommand cmd, List<SuiteConfig> configs, Catalog catalog, PrintWriter out,
                              PrintStream progress, ResultOutputs outputs, List<Run> runs) {
        List<Integer> codes = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        int expectations = 0;
        int failed = 0;
        for (SuiteConfig c : configs) {
            if (cmd.threads != null && cmd.threads < 1) {
                throw new SuiteException("--threads must be at least 1 (got " + cmd.threads + ")");
            }
            SearchConfig.Builder search = cmd.searchConfig();
            if (!cmd.quiet) {
                search.listener(new ProgressPrinter(progress, c.scenario() + " [" + c.policy().label() + "]"));
            }
            Run run = c.run(catalog, search);
            runs.add(run);
            outputs.progress(runs);
            cmd.ci.written(Result.of(Version.tool(catalog), runs));
            if (!c.hasExpectations()) {
                codes.add(VerifyCommand.exitCode(List.of(run)));
                continue;
            }
            boolean fileOk = true;
            StringBuilder lines = new StringBuilder();
            for (SuiteConfig.ExpectationResult r : c.check(run)) {
                expectations++;
                if (!r.ok()) {
                    failed++;
                    fileOk = false;
                }
                if (!r.ok() || !cmd.quiet) {
                    lines.append(r.ok() ? "  ok    " : "  FAIL  ").append(r.describe()).append('\n');
                }
            }
            if (lines.length() > 0) {
                report.append(c.origin()).append(": ").append(c.scenario()).append(" [").append(c.policy().label())
                        .append("]\n").append(lines);
            }
            codes.add(fileOk ? ExitCodes.OK : ExitCodes.VIOLATED);
        }
        cmd.printVerdicts(runs, outputs);
        cmd.ci.finished(Result.of(Version.tool(catalog), runs), out, cmd.env);
        if (expectations > 0) {
            if (!cmd.quiet) {
                out.println();
                out.println("expectations:");
            }
            out.print(report);
            if (!cmd.quiet || failed > 0) {
                out.println(String.format(Locale.ROOT, "%d expectation%s: %d met, %d failed", expectations,
                        expectations == 1 ? "" : "s", expectations - failed, failed));
            }
        }
        out.flush();
        return outputs.finishOr(runs, progress, codes.contains(ExitCodes.VIOLATED) ? ExitCodes.VIOLATED
                : codes.contains(ExitCodes.INCONCLUSIVE) ? ExitCodes.INCONCLUSIVE : ExitCodes.OK);
    }

    /** The command-line layer: verify's options that map onto keys (only those given), then --set. */
    static ConfigLayer commandLineLayer(VerifyCommand cmd, SuiteOptions opts, Catalog catalog) {
        ParseResult pr = cmd.spec.commandLine().getParseResult();
        ConfigLayer.Builder b = ConfigLayer.commandLine(catalog);
        if (cmd.scenarios.size() > 1) {
            throw new SuiteException("with --suite, --set or --print-config give at most one --scenario (got "
                    + String.join(", ", cmd.scenarios) + ")");
        }
        if (cmd.presets.size() > 1) {
            throw new SuiteException("with --suite, --set or --print-config give at most one --policy (got "
                    + String.join(", ", cmd.presets) + ")");
        }
        Map<String, String> axes = FamilyOptions.axisChoices(cmd.spec, catalog);
        if (!cmd.presets.isEmpty() && !axes.isEmpty()) {
            throw new SuiteException("use either --policy or "
                    + String.join("/", catalog.axes().stream().map(a -> a.option()).toList()) + ", not both");
        }
        if (!cmd.scenarios.isEmpty()) {
            b.option(ConfigKey.SCENARIO, cmd.scenarios.get(0), "--scenario");
        }
        if (!cmd.presets.isEmpty()) {
            b.option(ConfigKey.POLICY, cmd.presets.get(0), "--policy");
        }
        for (Map.Entry<String, String> e : axes.entrySet()) {
            ConfigKey k = ConfigKey.axis(catalog.axis(e.getKey()));
            b.option(k, e.getValue(), k.option());
        }
        for (Map.Entry<String, String> e : FamilyOptions.paramTexts(cmd.spec, catalog).entrySet()) {
            ConfigKey k = ConfigKey.param(catalog.param(e.getKey()));
            b.option(k, e.getValue(), k.option());
        }
        if (!cmd.propertyIds.isEmpty()) {
            b.option(ConfigKey.PROPERTIES, String.join(",", cmd.propertyIds), "--property");
        }
        if (pr != null && pr.hasMatchedOption("--fairness")) {
            b.option(ConfigKey.FAIRNESS, cmd.fairness, "--fairness");
        }
        if (pr != null && pr.hasMatchedOption("--window-steps")) {
            b.option(ConfigKey.WINDOW_STEPS, Integer.toString(cmd.windowSteps), "--window-steps");
        }
        optional(b, ConfigKey.MAX_STATES, cmd.maxStates);
        optional(b, ConfigKey.MAX_DEPTH, cmd.maxDepth);
        optional(b, ConfigKey.TIME_LIMIT, cmd.timeLimit);
        for (String s : opts.sets) {
            b.set(s);
        }
        return b.build();
    }

    private static void optional(ConfigLayer.Builder b, ConfigKey key, Object value) {
        if (value != null) {
            b.option(key, value.toString(), key.option());
        }
    }
}
