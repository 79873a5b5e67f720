package tdxcheck.jpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.app.RunRequest;
import tdxcheck.app.Runner;
import tdxcheck.app.cli.Families;
import tdxcheck.app.cli.Main;
import tdxcheck.app.jpf.Crosscheck;
import tdxcheck.app.jpf.JpfCanary;
import tdxcheck.app.jpf.JpfEngine;
import tdxcheck.app.jpf.JpfHome;
import tdxcheck.app.jpf.Requests;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Preset;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.ResultJson;
import tdxcheck.reports.result.Verdict;

/**
 * The model under the jpf-core given to Maven ({@code -Djpf.home}): the canary, the cross-check
 * of every default scenario under every preset at small parameters (verdicts equal property by
 * property; JPF's new states are ours plus its own, see Crosscheck), the result JSON of
 * {@code verify --engine jpf} and the bounds.
 */
class JpfModeTest {
    private static JpfHome home;
    private static Catalog tdx;

    @BeforeAll
    static void jpfCore() {
        String dir = System.getProperty("jpf.home");
        Assumptions.assumeTrue(dir != null && !dir.isBlank() && Files.isDirectory(Path.of(dir)),
                "JPF tests skipped: -Djpf.home is not a directory (" + dir + ")");
        home = JpfHome.resolve(Path.of(dir));
        tdx = Families.find(Families.DEFAULT);
    }

    /**
     * A scenario at small parameters: zero-step threshold 2 and one GPA, each where the scenario
     * takes it (the huge-page scenarios have a fixed threshold and layout).
     */
    private static Params small(String scenario) {
        Params p = tdx.scenario(scenario).defaults();
        p = smallerIfTaken(scenario, p, p.with("threshold", 2));
        return smallerIfTaken(scenario, p, p.with("gpas", 1));
    }

    private static Params smallerIfTaken(String scenario, Params current, Params smaller) {
        RunRequest r = Requests.of(tdx, scenario, smaller, tdx.resolvePolicy(null, Map.of()), List.of());
        try {
            Runner.target(r);
            return r.params();
        } catch (RuntimeException notTaken) {
            return current;
        }
    }

    @Test
    void theCanaryComesBackViolatedWithTheShortestCounterexampleUnderBfs() {
        JpfCanary.check(home, tdx);
        RunRequest canary = JpfCanary.request(tdx);
        JpfEngine.JpfRun jpf = JpfEngine.run(home, canary, new JpfEngine.Options(true, 0, 0, 0, true, false));
        PropertyResult p = jpf.run().result("no-zero-step");
        assertEquals(Verdict.VIOLATED, p.verdict());
        int ours = Runner.run(canary).result("no-zero-step").counterexample().steps().size();
        assertEquals(11, ours);
        assertEquals(ours, p.counterexample().steps().size(), "JPF's BFS finds a shortest counterexample too");
    }

    @Test
    void everyDefaultScenarioUnderEveryPresetAgreesWithOurEngine() {
        List<Crosscheck.Row> rows = new ArrayList<>();
        for (String s : tdx.defaultScenarioIds()) {
            for (Preset p : tdx.presets()) {
                RunRequest r = Requests.of(tdx, s, small(s), tdx.resolvePolicy(p.id(), Map.of()), List.of());
                rows.add(Crosscheck.compare(home, r, false, true));
            }
        }
        String table = Crosscheck.table(rows);
        System.out.print(table);
        int violated = 0;
        for (Crosscheck.Row row : rows) {
            assertEquals(row.ours(), row.jpf(), row.scenario() + " [" + row.policy() + "]\n" + table);
            // JPF's own states: 2 per violated property, and 1 end state when the model has an end
            long v = row.jpf().stream().filter(x -> x == Verdict.VIOLATED).count();
            long extra = row.jpfStates() - row.ourStates() - Crosscheck.PER_VIOLATION * v;
            assertTrue(extra == 0 || extra == 1, row.scenario() + " [" + row.policy() + "]\n" + table);
            assertTrue(row.agrees(), table);
            violated += row.ours().contains(Verdict.VIOLATED) ? 1 : 0;
        }
        assertTrue(violated >= 3, "the table must include violated runs:\n" + table);
    }

    @Test
    void verifyUnderJpfWritesTheResultWithTheEngineAndAReplayedCounterexample(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("r.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"verify", "--engine", "jpf", "--jpf-home", home.dir().toString(),
                "--scenario", "accept-vs-remove", "--policy", "upstream", "--threshold", "2", "--json",
                json.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code, err.toString(StandardCharsets.UTF_8));
        JsonNode run = ResultJson.mapper().readTree(json.toFile()).get("runs").get(0);
        assertEquals("jpf", run.get("engine").asText());
        assertTrue(run.get("jpf").get("newStates").asLong() > 100, run.toString());
        assertTrue(run.get("jpf").get("choicePoints").asLong() > 0, run.toString());
        var result = ResultJson.read(json).runs().get(0);
        assertEquals(Verdict.VIOLATED, result.result("no-guest-busy").verdict());
        assertNotNull(result.result("no-guest-busy").counterexample().replay());
        assertEquals(Verdict.INCONCLUSIVE, result.result("no-busy-livelock").verdict());
        assertEquals(JpfEngine.NOT_CHECKED, result.result("no-busy-livelock").reason());
        assertEquals(Verdict.HOLDS, result.result("lock-safety").verdict());
        // the same counterexample replays through our own replay command
        assertEquals(Verdict.VIOLATED, Runner.run(Requests.of(tdx, "accept-vs-remove", small("accept-vs-remove"),
                tdx.resolvePolicy("upstream", Map.of()), List.of())).result("no-guest-busy").verdict());
        ByteArrayOutputStream rout = new ByteArrayOutputStream();
        int replay = Main.run(new String[] {"replay", json.toString()}, new PrintStream(rout, true,
                StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, replay, rout.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aStateBoundIsInconclusiveNeverHolds() {
        RunRequest r = Requests.of(tdx, "fault-storm", small("fault-storm"), tdx.resolvePolicy("upstream", Map.of()),
                List.of("no-zero-step", "no-deadlock"));
        JpfEngine.JpfRun run = JpfEngine.run(home, r, new JpfEngine.Options(false, 0, 0, 50, true, false));
        for (PropertyResult p : run.run().results()) {
            assertEquals(Verdict.INCONCLUSIVE, p.verdict(), p.toString());
            assertTrue(p.reason().contains("max-states 50"), p.reason());
        }
    }
}
