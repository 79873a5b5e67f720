package tdxcheck.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every output file is written to a temp file in the same directory, then renamed over the
 * target, with three exceptions and rules (issue 16):
 * <ul>
 *   <li>a target that exists and is not a regular file (a symlink such as /dev/stdout, a FIFO,
 *       a character device) is written through directly: renaming over it would replace it;</li>
 *   <li>the temp file is created like any file (mode 0666 less the umask), not 0600 as
 *       {@code Files.createTempFile} would; an existing target's mode is kept;</li>
 *   <li>temp names carry the writer's process id ({@code .NAME.PID-RANDOM.tmp}), so a cleanup
 *       removes only temp files of processes that are gone, never a concurrent run's.</li>
 * </ul>
 */
public final class AtomicFiles {
    private static final long PID = ProcessHandle.current().pid();
    /** {@code .NAME.PID-HEX.tmp}, and the staging/old directories of {@link ReportWriter}. */
    private static final Pattern OWNED = Pattern.compile("\\..*\\.(\\d+)-[0-9a-f]+\\.(tmp|staging|old)");

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path abs = target.toAbsolutePath();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
            writeThrough(abs, content);
            return;
        }
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        removeStaleTemps(abs);
        Set<PosixFilePermission> mode = Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS) ? modeOf(abs) : null;
        Path tmp = tempSibling(abs);
        try {
            Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (mode != null) {
                Files.setPosixFilePermissions(tmp, mode);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void write(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code target} must be written through (it exists and is no regular file), not renamed over. */
    public static boolean isStream(Path target) {
        Path abs = target.toAbsolutePath();
        return Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS);
    }

    /** Opens the existing target for writing (no create) and writes the content. */
    static void writeThrough(Path abs, byte[] content) throws IOException {
        try (OutputStream o = Files.newOutputStream(abs, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            o.write(content);
        }
    }

    /** A fresh name {@code .NAME.PID-HEX.tmp} next to {@code abs}, owned by this process. */
    public static Path tempSibling(Path abs) {
        return abs.resolveSibling(ownedName(abs.getFileName().toString(), ".tmp"));
    }

    /** {@code .NAME.PID-HEX} plus {@code suffix}: a name {@link #isStale} recognises. */
    static String ownedName(String name, String suffix) {
        return "." + name + "." + PID + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + suffix;
    }

    /** The mode of a regular file, or null when the file system has no POSIX modes. */
    static Set<PosixFilePermission> modeOf(Path p) {
        try {
            return Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IOException e) {
            return null;
        }
    }

    /** The mode of a directory, or null when the file system has no POSIX modes. */
    static Set<PosixFilePermission> modeOfDir(Path p) {
        return modeOf(p);
    }

    /**
     * Whether {@code name} is a temp file or staging directory of a process that is gone
     * ({@code .NAME.PID-HEX.tmp}), or a temp file of an older version ({@code .NAME.DIGITS.tmp}).
     */
    public static boolean isStale(String name) {
        Matcher m = OWNED.matcher(name);
        if (m.matches()) {
            long pid = Long.parseLong(m.group(1));
            return pid != PID && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        }
        return name.matches("\\..*\\.\\d+\\.tmp");
    }

    /**
     * Deletes the stale temp files and staging directories (never a live process's) of
     * {@code target}: its siblings named {@code .NAME.*}.
     */
    public static void removeStaleTemps(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + abs.getFileName() + ".";
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".*")) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && isStale(n)) {
                    deleteTree(p);
                }
            }
        }
    }

    /** Deletes a file or a directory tree (not following links); missing is fine. */
    public static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
                for (Path c : s) {
                    deleteTree(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }
}
