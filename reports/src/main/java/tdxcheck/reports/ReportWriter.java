package tdxcheck.reports;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;

/**
 * Writes every report of a result into one directory:
 * <pre>
 *   result.json                 the tdxcheck-result/1 document (the source of the others)
 *   summary.md                  verdict matrix for CI summaries and review comments
 *   report.html                 self-contained explorer: matrix, lane diagrams, step-through
 *   traces/S__P__PROP.txt       text trace of every counterexample (mail-safe)
 *   lassos/S__P__PROP.dot       DOT of every lasso, and .svg when Graphviz' dot is on the PATH
 * </pre>
 * Every file goes through {@link AtomicFiles} (temp file, then rename), so an interrupted run
 * leaves only complete files. Traces and lassos are written before the files that link to them.
 * Calling it again with a larger result (the CLI does after each finished run) updates the
 * directory; files whose content did not change are not rewritten, nor their SVG re-rendered.
 */
public final class ReportWriter {
    private static final long DOT_TIMEOUT_SECONDS = 60;

    private final boolean fullStateTraces;
    private final boolean fullTraces;
    private final boolean renderSvg;
    private final Path dotExecutable;

    /** Changed fields in traces; SVG of lassos when {@code dot} is on the PATH. */
    public ReportWriter() {
        this(false, true, null);
    }

    private ReportWriter(boolean fullStateTraces, boolean renderSvg, Path dotExecutable) {
        this(fullStateTraces, renderSvg, dotExecutable, false);
    }

    private ReportWriter(boolean fullStateTraces, boolean renderSvg, Path dotExecutable, boolean fullTraces) {
        this.fullTraces = fullTraces;
        this.fullStateTraces = fullStateTraces;
        this.renderSvg = renderSvg;
        this.dotExecutable = dotExecutable;
    }

    /** Text traces list every state field after each step instead of the changed ones. */
    public ReportWriter withFullStateTraces(boolean full) {
        return new ReportWriter(full, renderSvg, dotExecutable, fullTraces);
    }

    /** Whether to render lassos/*.svg with Graphviz (default true; skipped silently when absent). */
    public ReportWriter withSvg(boolean svg) {
        return new ReportWriter(fullStateTraces, svg, dotExecutable, fullTraces);
    }

    /** Use this {@code dot} executable instead of searching the PATH (tests, unusual installs). */
    public ReportWriter withDotExecutable(Path dot) {
        return new ReportWriter(fullStateTraces, renderSvg, dot, fullTraces);
    }

    /** With {@code full}, text traces show every step: repeated round trips are not folded. */
    public ReportWriter withFullTraces(boolean full) {
        return new ReportWriter(fullStateTraces, renderSvg, dotExecutable, full);
    }

    /** {@code new ReportWriter().write(result, outDir)}. */
    public static List<Path> writeAll(Result result, Path outDir) throws IOException {
        return new ReportWriter().write(result, outDir);
    }

    /** Writes (or updates) every report of {@code result} in {@code outDir}; returns the files written. */
    public List<Path> write(Result result, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        removeStaleTempFiles(outDir);
        List<Path> written = new ArrayList<>();
        TextTraceRenderer text = new TextTraceRenderer(fullStateTraces, !fullStateTraces && !fullTraces);
        DotRenderer dotRenderer = new DotRenderer();
        Path dot = renderSvg ? (dotExecutable != null ? dotExecutable : findOnPath("dot")) : null;
        for (ReportNames.Entry e : ReportNames.counterexamples(result)) {
            put(outDir.resolve(e.tracePath()), text.render(e.run(), e.result()), written);
            if (e.isLasso()) {
                Path dotFile = outDir.resolve(e.dotPath());
                boolean changed = put(dotFile, dotRenderer.render(e.run(), e.result()), written);
                Path svg = outDir.resolve(e.dotSvgPath());
                if (dot != null && (changed || !Files.exists(svg)) && renderSvg(dot, dotFile, svg)) {
                    written.add(svg);
                }
            }
        }
        put(outDir.resolve("result.json"), ResultJson.toJson(result), written);
        put(outDir.resolve("summary.md"), new MarkdownSummaryRenderer().render(result), written);
        put(outDir.resolve("report.html"), new HtmlReportRenderer().render(result), written);
        return Collections.unmodifiableList(written);
    }

    /**
     * Deletes the temp files ({@code .NAME.RANDOM.tmp}) of a write that was killed before its
     * rename, in the directories this writer owns. Complete files are never touched.
     */
    private static void removeStaleTempFiles(Path outDir) throws IOException {
        for (Path dir : List.of(outDir, outDir.resolve("traces"), outDir.resolve("lassos"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".*.tmp")) {
                for (Path p : s) {
                    if (Files.isRegularFile(p)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** Writes atomically unless the file already has exactly this content; true when written. */
    private static boolean put(Path file, String content, List<Path> written) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(file) && Files.size(file) == bytes.length
                && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return false;
        }
        AtomicFiles.write(file, bytes);
        written.add(file);
        return true;
    }

    /** Runs {@code dot -Tsvg}; any failure (missing, crashing, hanging dot) just means no SVG. */
    private static boolean renderSvg(Path dot, Path dotFile, Path svg) {
        Path out = null;
        Process p = null;
        try {
            out = Files.createTempFile(svg.toAbsolutePath().getParent(), "." + svg.getFileName() + ".dot-", ".tmp");
            p = new ProcessBuilder(dot.toString(), "-Tsvg", dotFile.toAbsolutePath().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(out.toFile())
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(DOT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0 || Files.size(out) == 0) {
                return false;
            }
            AtomicFiles.write(svg, Files.readAllBytes(out));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless and named as one
                }
            }
        }
    }

    /** The executable {@code name} on the PATH, or null. */
    static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
