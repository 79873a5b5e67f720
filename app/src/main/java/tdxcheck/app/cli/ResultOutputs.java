package tdxcheck.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tdxcheck.app.suite.IoErrors;
import tdxcheck.reports.ReportWriter;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;

/**
 * Where {@code verify} writes: the --json file and the --out report directory. Checked before
 * the first run (bad paths are bad input, exit 2), then rewritten after every finished run, so an
 * interrupted verify leaves a valid result of what finished (every file atomically).
 */
record ResultOutputs(Path json, Path outDir) {

    /** Fails with one line if a path cannot be written; creates the directories. */
    void prepare() {
        if (json != null) {
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
            try {
                Files.createDirectories(outDir);
            } catch (IOException | SecurityException e) {
                throw new UserError("cannot create directory " + outDir + ": " + IoErrors.describe(e));
            }
        }
    }

    /** Writes the document to every requested output. */
    void write(Result doc) {
        if (json != null) {
            try {
                ResultJson.write(doc, json);
            } catch (IOException | SecurityException e) {
                throw new UserError("cannot write " + json + ": " + IoErrors.describe(e));
            }
        }
        if (outDir != null) {
            try {
                ReportWriter.writeAll(doc, outDir);
            } catch (IOException | SecurityException e) {
                throw new UserError("cannot write reports to " + outDir + ": " + IoErrors.describe(e));
            }
        }
    }
}
