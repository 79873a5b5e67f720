package tdxcheck.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.Set;

/** The JSON Schema (draft 2020-12) of tdxcheck-result/1, shipped as a resource of this module. */
public final class ResultSchema {
    /** Class-path resource of the schema. */
    public static final String RESOURCE = "/tdxcheck/reports/tdxcheck-result-1.schema.json";

    /** Loaded on first use (readers of result files: report, replay). */
    private static final class Loaded {
        static final JsonSchema SCHEMA = load();

        private static JsonSchema load() {
            try (InputStream in = open()) {
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private ResultSchema() {
    }

    /**
     * The first schema violation of {@code doc} in one line ("$.runs[0].stats.seconds: must have
     * a minimum value of 0"), or null when the document is valid.
     */
    public static String firstViolation(JsonNode doc) {
        Set<ValidationMessage> errors = Loaded.SCHEMA.validate(doc);
        return errors.stream()
                .min(Comparator.comparing((ValidationMessage m) -> String.valueOf(m.getInstanceLocation()))
                        .thenComparing(ValidationMessage::getMessage))
                .map(m -> m.getMessage().replaceAll("\\s+", " "))
                .orElse(null);
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
