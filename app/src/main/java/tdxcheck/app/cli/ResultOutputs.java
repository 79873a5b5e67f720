package tdxcheck.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import tdxcheck.app.suite.IoErrors;
import tdxcheck.reports.AtomicFiles;
import tdxcheck.reports.ReportWriter;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Tool;

/**
 * Where {@code verify} writes: the --json file and the --out report directory (issue 16).
 * <ul>
 *   <li>{@link #prepare} before the first run: a bad path is bad input (exit 2).</li>
 *   <li>{@link #progress} after every finished run: the files say "partial: 3 of 15 runs", so a
 *       killed verify leaves a valid, honestly labelled result. A failure is remembered, not
 *       thrown: the runs go on and the verdicts are printed.</li>
 *   <li>{@link #finish} after the verdicts are printed: the complete result; a failure comes back
 *       as one line for {@link ExitCodes#OUTPUT_FAILED}.</li>
 *   <li>{@link #interrupt} from the SIGINT/SIGTERM hook: waits for a write in progress, then marks
 *       every file "interrupted after 3 of 15 runs"; nothing is written after it.</li>
 * </ul>
 * {@code --json -} is standard output; a --json that is not a regular file (a FIFO, a character
 * device, a symlink such as /dev/stdout) is written through once at the end, never renamed over.
 */
final class ResultOutputs {
    /** {@code --json -}. */
    static final String STDOUT = "-";

    private final Path json;
    private final Path outDir;
    private final int planned;
    private final PrintWriter stdout;
    private boolean closed;
    private String failure;

    /** The tool object of every document written (version, commit, model fingerprint). */
    private final Tool tool;

    ResultOutputs(Path json, Path outDir, int planned, PrintWriter stdout) {
        this(json, outDir, planned, stdout, new Tool("tdxcheck", Version.get()));
    }

    ResultOutputs(Path json, Path outDir, int planned, PrintWriter stdout, Tool tool) {
        this.json = json;
        this.outDir = outDir;
        this.planned = planned;
        this.stdout = stdout;
        this.tool = tool;
    }

    Path json() {
        return jsonToStdout() ? null : json;
    }

    Path outDir() {
        return outDir;
    }

    /**
     * Writes {@code doc} as it is to every output (the JPF engine's path, which annotates the
     * files after each write); a failure is one line, exit 2.
     */
    synchronized void write(Result doc) {
        String f = writeAll(doc, true);
        if (f != null) {
            throw new UserError(f);
        }
    }

    /** Whether the JSON goes to standard output (the verdict matrix then goes to stderr). */
    boolean jsonToStdout() {
        return json != null && json.toString().equals(STDOUT);
    }

    /** Written once at the end: standard output, a FIFO, a device or a symlink. */
    private boolean jsonIsStream() {
        return jsonToStdout() || AtomicFiles.isStream(json);
    }

    /** Fails with one line if a path cannot be written; creates the directories. */
    void prepare() {
        if (json != null && !jsonToStdout()) {
            Path abs = json.toAbsolutePath();
            if (Files.isDirectory(abs)) {
                throw new UserError("cannot write " + json + ": it is a directory");
            }
            try {
                if (abs.getParent() != null) {
                    Files.createDirectories(abs.getParent());
                }
            } catch (IOException | SecurityException e) {
                throw new UserError("cannot write " + json + ": " + IoErrors.describe(e));
            }
        }
        if (outDir != null) {
            if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
                throw new UserError("cannot write reports to " + outDir + ": it is not a directory");
            }
            try {
                Files.createDirectories(outDir.toAbsolutePath().getParent());
            } catch (IOException | SecurityException e) {
                throw new UserError("cannot create directory " + outDir + ": " + IoErrors.describe(e));
            }
        }
    }

    /** After a finished run: the partial result to the files (not to a stream). */
    synchronized void progress(List<Run> runs) {
        if (closed) {
            return;
        }
        String f = writeAll(doc(runs, Result.PARTIAL), false);
        if (failure == null) {
            failure = f;
        }
    }

    /** The complete result to every output; null, or the first write failure in one line. */
    synchronized String finish(List<Run> runs) {
        if (closed) {
            return null;
        }
        closed = true;
        String f = writeAll(doc(runs, Result.COMPLETE), true);
        return f != null ? f : failure;
    }

    /**
     * Marks every output interrupted (called by the shutdown hook); returns the note ("interrupted
     * after 3 of 15 runs"), or null when the command had already finished.
     */
    synchronized String interrupt(List<Run> runs) {
        if (closed) {
            return null;
        }
        closed = true;
        Result doc = doc(runs, Result.INTERRUPTED);
        writeAll(doc, true);
        return doc.progressNote();
    }

    private Result doc(List<Run> runs, String status) {
        return Result.of(tool, List.copyOf(runs)).withProgress(status, planned);
    }

    /** Writes the document; null, or the first failure in one line ("cannot write X: no space left"). */
    private String writeAll(Result doc, boolean last) {
        String fail = null;
        if (outDir != null) {
            try {
                ReportWriter.writeAll(doc, outDir);
            } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
                fail = "cannot write reports to " + outDir + ": " + IoErrors.describe(e);
            }
        }
        if (json != null && (last || !jsonIsStream())) {
            try {
                if (jsonToStdout()) {
                    stdout.print(ResultJson.toJson(doc));
                    stdout.flush();
                } else if (jsonIsStream() && Files.exists(json, LinkOption.NOFOLLOW_LINKS)) {
                    writeThrough(json, ResultJson.toJson(doc));
                } else {
                    ResultJson.write(doc, json);
                }
            } catch (IOException | SecurityException e) {
                if (fail == null) {
                    fail = "cannot write " + json + ": " + IoErrors.describe(e);
                }
            }
        }
        return fail;
    }

    /**
     * Runs {@code body} with a shutdown hook that, on SIGINT/SIGTERM, marks every output
     * interrupted and says so on {@code err} ("tdxcheck: interrupted after 3 of 15 runs"). The
     * hook is removed when {@code body} returns; {@code runs} must be safe to read from the hook.
     */
    <T> T guarded(List<Run> runs, java.io.PrintStream err, java.util.function.Supplier<T> body) {
        Thread hook = new Thread(() -> {
            String note = interrupt(runs);
            if (note != null) {
                err.println("tdxcheck: " + note + (json != null || outDir != null ? "; the files say so" : ""));
                err.flush();
            }
        }, "tdxcheck-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs
            }
        }
    }

    /**
     * After the verdicts were printed: writes the complete result; on a failure prints its line
     * on {@code err} and returns {@link ExitCodes#OUTPUT_FAILED}, else {@code code}.
     */
    int finishOr(List<Run> runs, java.io.PrintStream err, int code) {
        String f = finish(runs);
        if (f == null) {
            return code;
        }
        err.println("tdxcheck: " + f);
        err.flush();
        return ExitCodes.OUTPUT_FAILED;
    }

    private static void writeThrough(Path p, String text) throws IOException {
        try (var o = Files.newOutputStream(p, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
