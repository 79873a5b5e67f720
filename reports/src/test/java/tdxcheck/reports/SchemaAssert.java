package tdxcheck.reports;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** Validates JSON text against the shipped tdxcheck-result/1 schema. */
final class SchemaAssert {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private SchemaAssert() {
    }

    private static JsonSchema load() {
        try (InputStream in = ResultSchema.open()) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<ValidationMessage> errors(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            return SCHEMA.validate(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertValid(String json, String what) {
        Set<ValidationMessage> errs = errors(json);
        assertTrue(errs.isEmpty(), what + " is not a valid tdxcheck-result/1 document: " + errs);
    }
}
