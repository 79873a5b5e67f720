package tdxcheck.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The JSON Schema (draft 2020-12) of tdxcheck-result/1, shipped as a resource of this module. */
public final class ResultSchema {
    /** Class-path resource of the schema. */
    public static final String RESOURCE = "/tdxcheck/reports/tdxcheck-result-1.schema.json";

    private ResultSchema() {
    }

    public static InputStream open() {
        InputStream in = ResultSchema.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing resource " + RESOURCE);
        }
        return in;
    }

    /** The schema text, e.g. for a {@code schema} command or to publish next to result files. */
    public static String text() {
        try (InputStream in = open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
