package tdxcheck.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tdxcheck man}: a man(7) page generated from the same picocli model as {@code --help} (every
 * command, option and the family's parameters), plus exit status and environment.
 * {@code ./tdxcheck man > tdxcheck.1 && man ./tdxcheck.1}.
 */
@Command(name = "man", mixinStandardHelpOptions = true,
        description = "Print a man page (roff): tdxcheck man > tdxcheck.1; man ./tdxcheck.1")
final class ManCommand implements Callable<Integer> {
    private final PrintWriter out;

    @Spec
    CommandSpec spec;

    ManCommand(PrintWriter out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        out.print(page(spec.root()));
        out.flush();
        return ExitCodes.OK;
    }

    static String page(CommandSpec root) {
        StringBuilder b = new StringBuilder();
        b.append(".TH TDXCHECK 1 \"\" \"tdxcheck ").append(roff(Version.get())).append("\" \"User Commands\"\n");
        b.append(".SH NAME\ntdxcheck \\- ").append(roff(String.join(" ", root.usageMessage().description()))).append('\n');
        b.append(".SH SYNOPSIS\n.B tdxcheck\n[\\-\\-family \\fIID\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n");
        b.append(".SH COMMANDS\n");
        for (CommandLine sub : root.subcommands().values()) {
            CommandSpec c = sub.getCommandSpec();
            if (c.name().equals("help")) {
                continue;
            }
            b.append(".SS ").append(roff("tdxcheck " + c.name()));
            for (PositionalParamSpec p : c.positionalParameters()) {
                b.append(' ').append(roff(p.paramLabel()));
            }
            b.append('\n').append(roff(String.join(" ", c.usageMessage().description()))).append('\n');
            for (OptionSpec o : c.options()) {
                if (o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                b.append(".TP\n.B ").append(roff(String.join(", ", o.names())));
                if (o.arity().max() > 0) {
                    b.append(" \\fI").append(roff(o.paramLabel())).append("\\fR");
                }
                b.append('\n').append(roff(String.join(" ", o.description()))).append('\n');
            }
        }
        b.append(".SH EXIT STATUS\n");
        item(b, "0", "every property holds");
        item(b, "1", "a property is violated (this wins over inconclusive), a suite expectation failed, or regress found"
                + " a changed verdict");
        item(b, "2", "bad input: one line on stderr");
        item(b, "3", "nothing violated, but a bound made a verdict inconclusive");
        item(b, "4", "internal error (a bug)");
        item(b, "5", "the verdicts were printed but a result file could not be written");
        item(b, "6", "out of memory outside the search; raise the heap with TDXCHECK_JAVA_OPTS");
        item(b, "130, 143", "interrupted by SIGINT or SIGTERM; result files hold every finished run");
        b.append(".SH ENVIRONMENT\n");
        item(b, "TDXCHECK_JAVA_OPTS", "JVM options for the launcher, e.g. -Xmx16g for large state spaces");
        item(b, "GITHUB_STEP_SUMMARY", "with --github, the file the verdict table is appended to");
        item(b, "NO_COLOR", "when set, no colour on a terminal (as --no-color)");
        return b.toString();
    }

    private static void item(StringBuilder b, String tag, String text) {
        b.append(".TP\n.B ").append(roff(tag)).append('\n').append(roff(text)).append('\n');
    }

    /** Escapes for roff: backslashes and hyphens, and a leading dot or quote. */
    static String roff(String s) {
        String r = s.replace("\\", "\\e").replace("-", "\\-");
        return r.startsWith(".") || r.startsWith("'") ? "\\&" + r : r;
    }
}
