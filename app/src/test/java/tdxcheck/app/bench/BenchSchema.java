package tdxcheck.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** Validates documents against the shipped tdxcheck-bench/1 schema. */
final class BenchSchema {
    private static final JsonSchema SCHEMA = load();

    private BenchSchema() {
    }

    private static JsonSchema load() {
        try (InputStream in = BenchReport.class.getResourceAsStream(BenchReport.SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BenchReport.SCHEMA_RESOURCE);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<ValidationMessage> errors(JsonNode doc) {
        return SCHEMA.validate(doc);
    }
}
