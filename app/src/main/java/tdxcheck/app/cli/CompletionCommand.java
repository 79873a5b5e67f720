package tdxcheck.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tdxcheck completion}: picocli's generated bash/zsh completion script for every command
 * and option (the family's options included). {@code source <(./tdxcheck completion)}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a bash/zsh completion script: source <(tdxcheck completion).")
final class CompletionCommand implements Callable<Integer> {
    private final PrintWriter out;

    @Spec
    CommandSpec spec;

    CompletionCommand(PrintWriter out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        out.print(AutoComplete.bash("tdxcheck", spec.root().commandLine()));
        out.flush();
        return ExitCodes.OK;
    }
}
