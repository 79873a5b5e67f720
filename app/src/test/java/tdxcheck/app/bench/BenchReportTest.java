package tdxcheck.app.bench;

import tdxcheck.app.TestRuns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.core.catalog.Params;

/** The bench report on made-up figures: derived numbers, text, and the JSON against its schema. */
class BenchReportTest {

    private static BenchResult result(String group, int vcpus, int gpas, Integer threads, long states,
                                      double seconds, long noSym) {
        BenchCase c = new BenchCase(group, "fault-storm", TestRuns.params(vcpus, gpas, 6, false), "upstream",
                BenchSuite.SAFETY, threads, noSym > 0);
        return new BenchResult(c, threads == null ? 1 : threads, true, states, states * 4, 40, seconds, seconds * 0.9,
                List.of(seconds, seconds * 1.1, seconds * 0.95), states * 12, states * 20, 0, 100L << 20,
                Map.of("no-zero-step", "HOLDS"), noSym, noSym > 0 ? 1.5 : -1, 0, 0);
    }

    private static BenchReport sample() {
        return new BenchReport(List.of(
                result("fault-storm", 2, 2, null, 1000, 0.01, 2000),
                result("fault-storm", 3, 2, null, 10000, 0.05, 60000),
                result("fault-storm", 4, 2, null, 80000, 0.2, 0),
                result("threads", 4, 3, 1, 1_320_161, 0.8, 0),
                result("threads", 4, 3, 2, 1_320_161, 0.5, 0)),
                new BenchReport.Settings(3, 1, 1, true, false, 0x7D3C9A4E51B2F06DL), "0.1.0");
    }

    @Test
    void growthFactorsPerAddedVcpu() {
        List<BenchReport.Growth> g = sample().growth();
        assertEquals(2, g.size());
        assertEquals(10.0, g.get(0).factor(), 1e-9);
        assertEquals(30.0, g.get(0).noSymmetryFactor(), 1e-9);
        assertEquals(8.0, g.get(1).factor(), 1e-9);
        assertEquals(0.0, g.get(1).noSymmetryFactor(), 1e-9, "not measured without symmetry");
    }

    @Test
    void speedupPairsOneAndTwoThreads() {
        List<BenchReport.Speedup> s = sample().speedups();
        assertEquals(1, s.size());
        assertEquals(1.6, s.get(0).factor(), 1e-9);
        assertEquals("fault-storm 4x3 upstream safety", s.get(0).label());
    }

    @Test
    void porSavingsPairTheRunsWithAndWithoutPor() {
        BenchResult full = result("por", 4, 3, 1, 190_902, 0.08, 0);
        BenchResult red = result("por", 4, 3, 1, 43_881, 0.02, 0);
        red = new BenchResult(red.benchCase().withPor(), red.threads(), red.symmetry(), red.distinctStates(),
                red.generated(), red.maxDepth(), red.seconds(), red.searchSeconds(), red.repetitionSeconds(),
                red.seenSetBytes(), red.storeBytes(), red.graphBytes(), red.peakHeapBytes(), red.verdicts(), -1, -1,
                0, 0);
        BenchReport r = new BenchReport(List.of(full, red, result("threads", 4, 3, 1, 1000, 0.1, 0)),
                new BenchReport.Settings(3, 1, 1, true, false, 0x7D3C9A4E51B2F06DL), "0.1.0");
        List<BenchReport.PorSaving> p = r.porSavings();
        assertEquals(1, p.size());
        assertEquals("fault-storm 4x3 upstream safety t1", p.get(0).label());
        assertEquals(190_902.0 / 43_881, p.get(0).statesFactor(), 1e-9);
        assertTrue(r.text().contains("partial-order reduction (without / with --por"), r.text());
        assertTrue(r.text().contains("fault-storm 4x3 upstream safety t1 por"), r.text());
        assertTrue(r.json().get("runs").get(1).get("por").asBoolean());
    }

    @Test
    void textHasTheTableAndTheDerivedFigures() {
        String t = sample().text();
        assertTrue(t.contains("states/s"), t);
        assertTrue(t.contains("2 GPAs: 2 -> 3 vCPUs: x10.00 (without symmetry x30.00)"), t);
        assertTrue(t.contains("speed-up fault-storm 4x3 upstream safety: 1 thread 0.800 s, 2 threads 0.500 s: x1.60"),
                t);
        assertTrue(t.contains("x20.00 of V!=24") == false && t.contains("x6.00 of V!=6"), t);
    }

    @Test
    void jsonIsValidAgainstTheSchema(@TempDir Path dir) throws Exception {
        BenchReport r = sample();
        ObjectNode doc = r.json();
        assertTrue(BenchSchema.errors(doc).isEmpty(), BenchSchema.errors(doc).toString());
        assertEquals("tdxcheck-bench/1", doc.get("schema").asText());
        JsonNode run = doc.get("runs").get(3);
        assertEquals(1_320_161, run.get("stats").get("distinctStates").asLong());
        assertEquals(12.0, run.get("stats").get("bytesPerState").asDouble(), 1e-9);
        assertEquals(4, run.get("params").get("vcpus").asInt());
        Path f = dir.resolve("sub/bench.json");
        r.writeJson(f);
        JsonNode back = new ObjectMapper().readTree(f.toFile());
        assertEquals(new ObjectMapper().readTree(doc.toString()), back);
    }

    @Test
    void schemaRejectsBrokenDocuments() {
        ObjectNode doc = sample().json();
        ObjectNode wrongId = doc.deepCopy().put("schema", "tdxcheck-bench/2");
        assertFalse(BenchSchema.errors(wrongId).isEmpty());
        ObjectNode noStates = doc.deepCopy();
        ((ObjectNode) noStates.get("runs").get(0).get("stats")).remove("distinctStates");
        assertFalse(BenchSchema.errors(noStates).isEmpty());
        ObjectNode negative = doc.deepCopy();
        ((ObjectNode) negative.get("runs").get(0).get("stats")).put("threads", 0);
        assertFalse(BenchSchema.errors(negative).isEmpty());
        ObjectNode added = doc.deepCopy();
        ((ObjectNode) added.get("runs").get(0).get("stats")).put("somethingNew", 1);
        assertTrue(BenchSchema.errors(added).isEmpty(), "more fields are allowed");
    }
}
