package tdxcheck.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.app.bench.BenchReport;
import tdxcheck.app.bench.BenchSuite;
import tdxcheck.tdx.TdxCatalog;

/** {@code tdxcheck bench --quick} in-process: the table, a schema-valid JSON, bad input. No timing is asserted. */
class BenchCommandTest {
    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new TdxCatalog());
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void quickBenchPrintsTheTableAndWritesValidJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        Outcome o = run("bench", "--quick", "--repeat", "1", "--warmup", "0", "--json", json.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("states/s"), o.out());
        assertTrue(o.out().contains("speed-up fault-storm 3x3 upstream safety"), o.out());
        assertTrue(o.out().contains("default suite (5 scenarios, upstream, every property)"), o.out());
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        try (InputStream in = BenchReport.class.getResourceAsStream(BenchReport.SCHEMA_RESOURCE)) {
            var errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in).validate(doc);
            assertTrue(errors.isEmpty(), errors.toString());
        }
        assertEquals(BenchSuite.quick().size(), doc.get("runs").size());
        for (JsonNode r : doc.get("runs")) {
            assertTrue(r.get("stats").get("distinctStates").asLong() > 0, r.toString());
            assertTrue(r.get("stats").get("bytesPerState").asDouble() > 0, r.toString());
        }
        // the quick default suite has the verdicts of verify under upstream
        JsonNode first = doc.get("runs").get(3);
        assertEquals("accept-vs-remove", first.get("scenario").asText());
        assertEquals("VIOLATED", first.get("verdicts").get("no-guest-busy").asText());
        assertEquals(1, doc.get("speedups").size());
    }

    @Test
    void badNumbersExitTwo() {
        assertEquals(2, run("bench", "--repeat", "0").code());
        assertEquals(2, run("bench", "--threads", "0").code());
        assertEquals(2, run("bench", "--warmup", "-1").code());
    }
}
