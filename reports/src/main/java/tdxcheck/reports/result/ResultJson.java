package tdxcheck.reports.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tdxcheck.reports.AtomicFiles;

/** Reads and writes tdxcheck-result/1 JSON. Unknown fields are ignored on read (more may be added). */
public final class ResultJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // a duplicate key is an error: Jackson would keep the last, a reviewer reads the first
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(Result result) {
        try {
            return MAPPER.writeValueAsString(result) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise result: " + e.getOriginalMessage(), e);
        }
    }

    public static void write(Result result, Path file) throws IOException {
        AtomicFiles.write(file, toJson(result).getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a result file; throws {@link ResultFormatException} with a one-line reason on bad input. */
    public static Result read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ResultFormatException("cannot read " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (UncheckedIOException e) {
            throw new ResultFormatException("cannot read " + file + ": not UTF-8 text");
        }
        return parse(text, file.toString());
    }

    /**
     * Parses a result: JSON with no duplicate key, then valid against the shipped schema
     * ({@link tdxcheck.reports.ResultSchema}: a verdict, VIOLATED with its counterexample and
     * HOLDS without, no negative count), then the data model. Any problem is one line.
     */
    public static Result parse(String text, String where) {
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ResultFormatException(where + ": not a tdxcheck result: " + oneLine(e.getOriginalMessage()));
        }
        if (tree == null || !tree.isObject()) {
            throw new ResultFormatException(where + ": not a tdxcheck result: expected a JSON object");
        }
        String schema = tree.path("schema").asText(null);
        if (!Result.SCHEMA.equals(schema)) {
            throw new ResultFormatException(where + ": schema is " + (schema == null ? "missing" : schema)
                    + ", expected " + Result.SCHEMA);
        }
        String bad = tdxcheck.reports.ResultSchema.firstViolation(tree);
        if (bad != null) {
            throw new ResultFormatException(where + ": breaks the " + Result.SCHEMA + " schema: " + oneLine(bad));
        }
        try {
            return MAPPER.treeToValue(tree, Result.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ResultFormatException(where + ": not a tdxcheck result: " + oneLine(e.getMessage()));
        }
    }

    private static String oneLine(String msg) {
        if (msg == null) {
            return "invalid";
        }
        int nl = msg.indexOf('\n');
        return (nl < 0 ? msg : msg.substring(0, nl)).strip();
    }
}
