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

    public static Result parse(String text, String where) {
        Result r;
        try {
            r = MAPPER.readValue(text, Result.class);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            int nl = msg.indexOf('\n');
            throw new ResultFormatException(where + ": not a tdxcheck result: "
                    + (nl < 0 ? msg : msg.substring(0, nl)));
        }
        if (r == null || !Result.SCHEMA.equals(r.schema())) {
            throw new ResultFormatException(where + ": schema is " + (r == null ? "missing" : r.schema())
                    + ", expected " + Result.SCHEMA);
        }
        return r;
    }
}
