package tdxcheck.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;

class ResultSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void emittedSampleIsValid() {
        SchemaAssert.assertValid(ResultJson.toJson(Fixtures.sample()), "the sample result");
    }

    @Test
    void emptyRunListIsValid() {
        SchemaAssert.assertValid(ResultJson.toJson(Result.of("0.1.0", List.of())), "a result without runs");
    }

    @Test
    void theContractExampleIsValid() {
        String example = "{\"schema\": \"tdxcheck-result/1\", \"tool\": {\"name\": \"tdxcheck\", \"version\": \"0.1.0\"},"
                + " \"runs\": [{\"scenario\": \"frozen-spte-race\","
                + " \"policy\": {\"preset\": \"mmu-part2\", \"faultRetry\": \"resume-guest\", \"zapRetry\": \"retry-forever\"},"
                + " \"params\": {\"vcpus\": 2, \"gpas\": 1, \"threshold\": 6, \"pendingEvents\": false},"
                + " \"stats\": {\"distinctStates\": 0, \"generated\": 0, \"maxDepth\": 0, \"seconds\": 0.0},"
                + " \"results\": [{\"property\": \"no-zero-step\", \"verdict\": \"VIOLATED\","
                + " \"counterexample\": {\"kind\": \"SAFETY\", \"loopBackIndex\": null,"
                + " \"steps\": [{\"index\": 1, \"actor\": \"vcpu1\", \"action\": \"...\","
                + " \"outcome\": \"...\", \"changes\": {}}]}}]}]}";
        SchemaAssert.assertValid(example, "the example of design.md");
        // and the data model reads it
        assertEquals("frozen-spte-race", ResultJson.parse(example, "example").runs().get(0).scenario());
    }

    @Test
    void everyJsonTestResourceIsValid() throws IOException {
        Path root = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertFalse(files.isEmpty(), "no JSON test resources under " + root);
        for (Path f : files) {
            SchemaAssert.assertValid(Files.readString(f, StandardCharsets.UTF_8), root.relativize(f).toString());
            ResultJson.read(f);
        }
    }

    static Stream<Arguments> brokenDocuments() {
        return Stream.of(
                broken("wrong verdict enum", d -> result(d).put("verdict", "PASSED")),
                broken("wrong schema id", d -> d.put("schema", "tdxcheck-result/2")),
                broken("schema missing", d -> d.remove("schema")),
                broken("tool version missing", d -> ((ObjectNode) d.get("tool")).remove("version")),
                broken("stats.seconds missing", d -> ((ObjectNode) d.get("runs").get(0).get("stats")).remove("seconds")),
                broken("policy.preset missing", d -> ((ObjectNode) d.get("runs").get(0).get("policy")).remove("preset")),
                broken("policy axis not a string", d -> ((ObjectNode) d.get("runs").get(0).get("policy")).put("zapRetry", 3)),
                broken("distinctStates negative", d -> ((ObjectNode) d.get("runs").get(0).get("stats"))
                        .put("distinctStates", -1)),
                broken("counterexample kind unknown", d -> cx(d).put("kind", "LIVELOCK")),
                broken("loopBackIndex a string", d -> cx(d).put("loopBackIndex", "3")),
                broken("step without actor", d -> ((ObjectNode) cx(d).get("steps").get(0)).remove("actor")),
                broken("step changes not an object", d -> ((ObjectNode) cx(d).get("steps").get(0)).put("changes", "x")),
                broken("VIOLATED without counterexample", d -> result(d).remove("counterexample")),
                broken("HOLDS with a counterexample", d -> result(d).put("verdict", "HOLDS")),
                broken("runs not an array", d -> d.put("runs", "none")));
    }

    private static Arguments broken(String name, Consumer<ObjectNode> edit) {
        return Arguments.of(name, edit);
    }

    private static ObjectNode result(ObjectNode doc) {
        return (ObjectNode) doc.get("runs").get(0).get("results").get(0);
    }

    private static ObjectNode cx(ObjectNode doc) {
        return (ObjectNode) result(doc).get("counterexample");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDocuments")
    void brokenDocumentIsInvalid(String name, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode doc = (ObjectNode) MAPPER.readTree(ResultJson.toJson(Fixtures.sample()));
        SchemaAssert.assertValid(doc.toString(), "the unbroken document");
        edit.accept(doc);
        assertFalse(SchemaAssert.errors(doc.toString()).isEmpty(), name + " should be invalid");
    }

    @Test
    void additionalPropertiesAreAllowed() throws IOException {
        ObjectNode doc = (ObjectNode) MAPPER.readTree(ResultJson.toJson(Fixtures.sample()));
        doc.put("generatedAt", "2025-01-01T00:00:00Z");
        cx(doc).put("fairness", "weak");
        ((ObjectNode) cx(doc).get("steps").get(0)).put("thread", 3);
        SchemaAssert.assertValid(doc.toString(), "a document with added fields");
    }

    @Test
    void schemaResourceIsDraft202012() throws IOException {
        JsonNode s = MAPPER.readTree(ResultSchema.text());
        assertEquals("https://json-schema.org/draft/2020-12/schema", s.get("$schema").asText());
        assertTrue(s.get("properties").get("schema").get("const").asText().equals("tdxcheck-result/1"));
    }
}
