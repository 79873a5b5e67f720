package tdxcheck.app.suite;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Words for an I/O failure in a one-line message ("no such file", "permission denied"), never a class name. */
public final class IoErrors {
    private IoErrors() {
    }

    public static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        String m = e.getMessage();
        if (e instanceof IOException && m != null && !m.isBlank()) {
            int nl = m.indexOf('\n');
            return (nl < 0 ? m : m.substring(0, nl)).strip();
        }
        return "I/O error";
    }
}
