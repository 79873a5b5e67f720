package tdxcheck.reports;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
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
 * The set is written as a unit (see {@link #write}): a staging directory swapped in, so an
 * interrupted run leaves the previous complete set and a reader never sees two results mixed.
 * Calling it again with a larger result (the CLI does after each finished run) replaces the set;
 * files whose content did not change are not rewritten, nor their SVG re-rendered.
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

    /**
     * Writes every report of {@code result} as one unit: the whole set is rendered into a staging
     * directory next to {@code outDir} and swapped in by two renames, so {@code outDir} never mixes
     * files of two results and keeps nothing of an earlier one (stale traces and lassos go). Files
     * whose content did not change are hard-linked from the current set (not rewritten, same
     * mtime), and so are entries of {@code outDir} that tdxcheck does not own (the user's).
     * Concurrent writers to one {@code outDir} all finish; the last swap wins. Returns the files
     * written (paths in {@code outDir}).
     */
    public List<Path> write(Result result, Path outDir) throws IOException {
        Path out = outDir.toAbsolutePath().normalize();
        Path parent = out.getParent();
        if (parent == null) {
            throw new IOException("cannot write reports to the root directory");
        }
        Files.createDirectories(parent);
        String name = out.getFileName().toString();
        AtomicFiles.removeStaleTemps(out);
        Path staging = parent.resolve(AtomicFiles.ownedName(name, ".staging"));
        Files.createDirectory(staging);
        try {
            List<Path> written = render(result, out, staging);
            swap(out, staging, parent, name);
            List<Path> inOut = new ArrayList<>();
            for (Path p : written) {
                inOut.add(outDir.resolve(staging.relativize(p).toString()));
            }
            return Collections.unmodifiableList(inOut);
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    private List<Path> render(Result result, Path current, Path staging) throws IOException {
        List<Path> written = new ArrayList<>();
        TextTraceRenderer text = new TextTraceRenderer(fullStateTraces, !fullStateTraces && !fullTraces);
        DotRenderer dotRenderer = new DotRenderer();
        Path dot = renderSvg ? (dotExecutable != null ? dotExecutable : findOnPath("dot")) : null;
        for (ReportNames.Entry e : ReportNames.counterexamples(result)) {
            put(current, staging, e.tracePath(), text.render(e.run(), e.result()), written);
            if (e.isLasso()) {
                boolean changed = put(current, staging, e.dotPath(), dotRenderer.render(e.run(), e.result()),
                        written);
                Path svg = staging.resolve(e.dotSvgPath());
                Path oldSvg = current.resolve(e.dotSvgPath());
                if (!changed && linked(oldSvg, svg)) {
                    continue;
                } else if (dot != null && renderSvg(dot, staging.resolve(e.dotPath()), svg)) {
                    written.add(svg);
                }
            }
        }
        put(current, staging, "result.json", ResultJson.toJson(result), written);
        put(current, staging, "summary.md", new MarkdownSummaryRenderer().render(result), written);
        put(current, staging, "report.html", new HtmlReportRenderer().render(result), written);
        return written;
    }

    /** Names tdxcheck owns at the top of an output directory; everything else is the user's. */
    static boolean owned(String name) {
        return name.equals("result.json") || name.equals("summary.md") || name.equals("report.html")
                || name.equals("traces") || name.equals("lassos") || (name.startsWith(".") && name.endsWith(".tmp"));
    }

    /** Hard-links (or copies) the entries of {@code current} that tdxcheck does not own into the new set. */
    private static void carryOver(Path current, Path staging) throws IOException {
        if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(current)) {
            for (Path p : s) {
                Path to = staging.resolve(p.getFileName().toString());
                if (!owned(p.getFileName().toString()) && !Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                    copyTree(p, to);
                }
            }
        }
        Set<java.nio.file.attribute.PosixFilePermission> mode = AtomicFiles.modeOfDir(current);
        if (mode != null) {
            Files.setPosixFilePermissions(staging, mode);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(to);
            try (DirectoryStream<Path> s = Files.newDirectoryStream(from)) {
                for (Path c : s) {
                    copyTree(c, to.resolve(c.getFileName().toString()));
                }
            }
        } else if (Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
            link(from, to);
        } else {
            Files.copy(from, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** Hard-links an unchanged file of the current set; false when it is gone (not an error). */
    private static boolean linked(Path existing, Path link) {
        try {
            Files.createLink(link, existing);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void link(Path existing, Path link) throws IOException {
        Files.createDirectories(link.getParent());
        try {
            Files.createLink(link, existing);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(existing, link, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /**
     * Makes {@code staging} the directory {@code out}: the current set is renamed aside, the new
     * one into place, the old one deleted. A concurrent writer may slip its set in between; then
     * that set is moved aside too (the last swap wins) and nobody fails.
     */
    private static void swap(Path out, Path staging, Path parent, String name) throws IOException {
        List<Path> olds = new ArrayList<>();
        for (int attempt = 0; attempt < 1000; attempt++) {
            if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(out + " is not a directory");
                }
                Path old = parent.resolve(AtomicFiles.ownedName(name, ".old"));
                try {
                    Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.NoSuchFileException e) {
                    continue; // another writer moved it first
                }
                olds.add(old);
                carryOver(old, staging); // the user's files, from whichever set was in place
            }
            try {
                Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
                for (Path old : olds) {
                    AtomicFiles.deleteTree(old);
                }
                return;
            } catch (IOException e) {
                // EEXIST/ENOTEMPTY: another writer put its set in place first: move it aside, retry
                if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS) || !Files.isDirectory(staging)) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
        throw new IOException("cannot swap the new reports into " + out + ": other writers keep replacing it");
    }

    /**
     * Writes {@code rel} into the staging set: hard-linked from the current set when the content is
     * unchanged (false), else written (true, added to {@code written}).
     */
    private static boolean put(Path current, Path staging, String rel, String content, List<Path> written)
            throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Path old = current.resolve(rel);
        Path file = staging.resolve(rel);
        Files.createDirectories(file.getParent());
        try {
            if (Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS) && Files.size(old) == bytes.length
                    && Arrays.equals(Files.readAllBytes(old), bytes)) {
                Files.createLink(file, old);
                return false;
            }
        } catch (IOException | UnsupportedOperationException e) {
            Files.deleteIfExists(file); // the current set moved away meanwhile (another writer): write it
        }
        Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE); // mode: the umask's
        written.add(file);
        return true;
    }

    /** Runs {@code dot -Tsvg}; any failure (missing, crashing, hanging dot) just means no SVG. */
    private static boolean renderSvg(Path dot, Path dotFile, Path svg) {
        Path out = null;
        Process p = null;
        try {
            out = AtomicFiles.tempSibling(svg.toAbsolutePath());
            Files.createDirectories(out.getParent());
            Files.createFile(out);
            p = new ProcessBuilder(dot.toString(), "-Tsvg", dotFile.toAbsolutePath().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(out.toFile())
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(DOT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0 || Files.size(out) == 0) {
                return false;
            }
            Files.move(out, svg, StandardCopyOption.ATOMIC_MOVE);
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
