package tdxcheck.app.jpf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tdxcheck.reports.AtomicFiles;
import tdxcheck.reports.result.ResultJson;

/**
 * Adds the JPF fields ({@code "engine": "jpf"} and JPF's statistics under {@code "jpf"}) to the
 * runs of a written tdxcheck-result/1 file: additive fields, which readers of the schema ignore.
 */
public final class JpfJson {
    private JpfJson() {
    }

    /** Adds {@code fields.get(i)} to run i of {@code file} (if the file exists), atomically. */
    public static void annotate(Path file, List<Map<String, Object>> fields) throws IOException {
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        JsonNode doc = ResultJson.mapper().readTree(file.toFile());
        JsonNode runs = doc.get("runs");
        if (!(runs instanceof ArrayNode a)) {
            return;
        }
        for (int i = 0; i < a.size() && i < fields.size(); i++) {
            ObjectNode run = (ObjectNode) a.get(i);
            for (Map.Entry<String, Object> e : fields.get(i).entrySet()) {
                run.set(e.getKey(), ResultJson.mapper().valueToTree(e.getValue()));
            }
        }
        AtomicFiles.write(file, ResultJson.mapper().writeValueAsString(doc) + "\n");
    }
}
