package tdxcheck.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import picocli.CommandLine.Option;
import tdxcheck.app.suite.IoErrors;
import tdxcheck.reports.AtomicFiles;
import tdxcheck.reports.GithubAnnotationsRenderer;
import tdxcheck.reports.JunitXmlRenderer;
import tdxcheck.reports.MarkdownSummaryRenderer;
import tdxcheck.reports.result.Result;

/**
 * The CI outputs of {@code verify} (a picocli mixin): {@code --junit FILE} writes JUnit XML after
 * every finished run (atomically, like --json); {@code --github} prints GitHub Actions annotations
 * for every VIOLATED and INCONCLUSIVE verdict when the runs are done and appends the Markdown
 * verdict summary to the file named by {@code $GITHUB_STEP_SUMMARY} (when set).
 */
final class CiOptions {
    /** The environment variable GitHub Actions names the job summary file with. */
    static final String STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Write JUnit XML to FILE: one test case per scenario x policy x property, the trace as"
                    + " the failure.")
    Path junit;

    @Option(names = "--github", description = "Print GitHub Actions annotations for violated and inconclusive"
            + " verdicts and append the verdict table to $GITHUB_STEP_SUMMARY.")
    boolean github;

    /** Fails with one line if the JUnit file cannot be written; creates its directory. */
    void prepare() {
        if (junit == null) {
            return;
        }
        Path abs = junit.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new UserError("cannot write " + junit + ": it is a directory");
        }
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
        } catch (IOException | SecurityException e) {
            throw new UserError("cannot write " + junit + ": " + IoErrors.describe(e));
        }
    }

    /** After every run: the JUnit file as it stands. */
    void written(Result doc) {
        if (junit == null) {
            return;
        }
        try {
            AtomicFiles.write(junit, new JunitXmlRenderer().render(doc));
        } catch (IOException | SecurityException e) {
            throw new UserError("cannot write " + junit + ": " + IoErrors.describe(e));
        }
    }

    /** When every run is done: the annotations on {@code out}, the summary appended. */
    void finished(Result doc, PrintWriter out, Map<String, String> env) {
        if (!github) {
            return;
        }
        for (String line : new GithubAnnotationsRenderer().render(doc)) {
            out.println(line);
        }
        out.flush();
        String summary = env.get(STEP_SUMMARY);
        if (summary != null && !summary.isBlank()) {
            try {
                Files.writeString(Path.of(summary), new MarkdownSummaryRenderer().render(doc) + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException | SecurityException e) {
                throw new UserError("cannot append to $" + STEP_SUMMARY + " (" + summary + "): " + IoErrors.describe(e));
            }
        }
    }
}
