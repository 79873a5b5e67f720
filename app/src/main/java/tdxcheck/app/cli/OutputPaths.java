package tdxcheck.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tdxcheck.app.suite.IoErrors;

/** Checks an output file can be written before a long run starts (bad paths: one line, exit 2). */
final class OutputPaths {
    private OutputPaths() {
    }

    /** Creates the parent directory and probes it with a temporary file; a UserError when that fails. */
    static void checkWritable(Path file) {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new UserError("cannot write " + file + ": it is a directory");
        }
        Path dir = abs.getParent();
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path probe = Files.createTempFile(dir, "." + abs.getFileName(), ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw new UserError("cannot write " + file + ": " + IoErrors.describe(e));
        }
    }
}
