package tdxcheck.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The layered-configuration options of {@code verify} (a picocli mixin, so VerifyCommand only
 * holds a field and a hook): {@code --suite}, {@code --set} and {@code --print-config}. When any
 * is given, {@link SuiteVerify} runs the command: built-in defaults &lt; suite file &lt; command line.
 */
final class SuiteOptions {
    @Option(names = "--suite", paramLabel = "FILE|DIR",
            description = "Suite file (one scenario x policy with expect.* verdicts) or a directory of *.tdx files;"
                    + " repeatable. Other options override the file's keys.")
    List<Path> suites = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set any suite-file key (e.g. --set expect.no-zero-step=HOLDS); repeatable, applied after"
                    + " the other options.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--print-config",
            description = "Print the effective value of every key and where it came from, then exit.")
    boolean printConfig;

    boolean active() {
        return !suites.isEmpty() || !sets.isEmpty() || printConfig;
    }
}
