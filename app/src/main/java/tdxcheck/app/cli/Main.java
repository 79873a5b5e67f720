package tdxcheck.app.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import tdxcheck.app.regress.BaselineException;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.app.suite.SuiteException;
import tdxcheck.core.spi.ModelException;
import tdxcheck.reports.result.ResultFormatException;

/**
 * The {@code tdxcheck} command line. {@link #run} is the whole CLI as a function returning the
 * exit code (tests call it in-process); {@link #main} only adds {@code System.exit}. Bad input
 * always ends in one line on stderr and exit code 2, never a stack trace.
 */
@Command(name = "tdxcheck", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Model checker for lock contention between KVM and the Intel TDX module.")
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: verify, compare, list, report, replay, regress, bench or help");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the CLI, choosing the family from {@code --family ID} (anywhere on the line; default
     * {@link Families#DEFAULT}): the family's parameters and policy axes become options.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String family = Families.DEFAULT;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--family") && i + 1 < args.length) {
                family = args[++i];
            } else if (args[i].startsWith("--family=")) {
                family = args[i].substring("--family=".length());
            } else {
                rest.add(args[i]);
            }
        }
        Catalog catalog;
        try {
            catalog = Families.find(family);
        } catch (UserError e) {
            PrintWriter w = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
            w.println("tdxcheck: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        return run(rest.toArray(new String[0]), out, err, catalog);
    }

    /** Runs the CLI on {@code args} against {@code catalog}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Catalog catalog) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cl = new CommandLine(new Main());
        cl.getCommandSpec().versionProvider(new Version(catalog));
        cl.addSubcommand("verify", new VerifyCommand(catalog, o, err));
        FamilyOptions.add(cl.getSubcommands().get("verify").getCommandSpec(), catalog);
        FamilyOptions.describeDefaults(cl.getSubcommands().get("verify").getCommandSpec(), catalog);
        cl.addSubcommand("list", new ListCommand(catalog, o));
        cl.addSubcommand("report", new ReportCommand(o));
        cl.addSubcommand("replay", new ReplayCommand(catalog, o));
        cl.addSubcommand("regress", new RegressCommand(catalog, o));
        cl.addSubcommand("bench", new BenchCommand(catalog, o, err));
        cl.addSubcommand("crosscheck", new CrosscheckCommand(catalog, o, err));
        FamilyOptions.add(cl.getSubcommands().get("crosscheck").getCommandSpec(), catalog);
        cl.addSubcommand("compare", new CompareCommand(catalog, o, err));
        FamilyOptions.addParams(cl.getSubcommands().get("compare").getCommandSpec(), catalog);
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        cl.addSubcommand("completion", new CompletionCommand(o));
        cl.addSubcommand("man", new ManCommand(o));
        cl.setOut(o);
        cl.setErr(e);
        cl.setParameterExceptionHandler((ex, a) -> {
            e.println("tdxcheck: " + ErrorText.clean(parameterMessage(ex)) + " (see "
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ModelException || ex instanceof UserError || ex instanceof ResultFormatException
                    || ex instanceof SuiteException || ex instanceof BaselineException
                    || ex instanceof tdxcheck.app.jpf.JpfException) {
                e.println("tdxcheck: " + ErrorText.clean(firstLine(ex.getMessage())));
                return ExitCodes.BAD_INPUT;
            }
            e.println("tdxcheck: internal error (a bug, please report it): " + ex);
            ex.printStackTrace(e);
            return ExitCodes.INTERNAL_ERROR;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError oom) {
            // outside the search (a renderer, a reader): the search itself turns it into INCONCLUSIVE
            code = outOfMemory(o, e, oom);
        }
        o.flush();
        e.flush();
        return code;
    }

    /** Picocli's message, with "did you mean" for a mistyped option or command. */
    static String parameterMessage(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String typed = u.getUnmatched().get(0);
            List<String> near = u.getSuggestions();
            String what = typed.startsWith("-") ? "unknown option '" + typed + "'"
                    : u.getCommandLine().getSubcommands().isEmpty() ? "unexpected argument '" + typed + "'"
                    : "unknown command '" + typed + "'";
            return near.isEmpty() ? what : what + "; did you mean " + near.get(0) + "?";
        }
        return firstLine(ex.getMessage());
    }

    /** One line and {@link ExitCodes#OUT_OF_MEMORY}; what was printed before stays printed. */
    private static int outOfMemory(PrintWriter o, PrintWriter e, OutOfMemoryError oom) {
        o.flush();
        e.println("tdxcheck: out of memory (" + firstLine(oom.getMessage())
                + "); give Java more heap, e.g. TDXCHECK_JAVA_OPTS=-Xmx8g");
        return ExitCodes.OUT_OF_MEMORY;
    }

    static String firstLine(String msg) {
        if (msg == null || msg.isBlank()) {
            return "invalid input";
        }
        String m = msg.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
