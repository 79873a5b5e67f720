package tdxcheck.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tdxcheck.core.fixtures.FixtureCatalog;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

/** The CLI run in-process on the fixture catalog. */
class MainTest {
    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new FixtureCatalog());
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listNamesEveryScenarioPresetPolicyAndProperty() {
        Outcome o = run("list");
        assertEquals(0, o.code());
        assertEquals("", o.err());
        for (String id : List.of("counter", "two-state-cycle", "peterson", "peterson-broken", "philosophers",
                "philosophers-ordered", "symmetric-counters", "mutual-exclusion", "no-deadlock", "counter-in-range",
                "counters-in-range")) {
            assertTrue(o.out().contains("\n  " + id + " "), id + " in:\n" + o.out());
        }
        assertTrue(o.out().contains("presets (--policy):\n  none  fixtures have no retry policy (default)\n"));
        assertFalse(o.out().contains("--fault-retry"), "the fixture family has no policy axes:\n" + o.out());
        assertTrue(o.out().contains("parameters:\n  --processes  number of philosophers or processes (1..6)\n"),
                o.out());
        assertTrue(o.out().contains("\n  counter               processes=1 limit=5\n"), o.out());
    }

    @Test
    void verifyExitsZeroWhenEverythingHolds() {
        Outcome o = run("verify", "--scenario", "peterson", "--scenario", "philosophers-ordered", "--threads", "1");
        assertEquals(0, o.code(), o.err());
        String[] lines = o.out().split("\n");
        assertEquals("scenario              policy  mutual-exclusion  no-deadlock  states  seconds",
                lines[0]);
        assertTrue(lines[1].matches("peterson +none +HOLDS +HOLDS +20 +\\d+\\.\\d\\d"), lines[1]);
        assertTrue(lines[2].matches("philosophers-ordered +none +- +HOLDS +42 +\\d+\\.\\d\\d"), lines[2]);
        assertTrue(lines[3].startsWith("fingerprint collision probability: "), lines[3]);
        assertEquals(4, lines.length);
    }

    @Test
    void verifyExitsOneOnAViolationAndNamesItsCounterexample() {
        Outcome o = run("verify", "--scenario", "peterson-broken,philosophers", "--processes", "4");
        assertEquals(1, o.code(), o.err());
        assertTrue(o.out().contains("VIOLATED      peterson-broken [none] mutual-exclusion: SAFETY counterexample"
                + " of 6 steps (mutual-exclusion violated by step 6 (p0: enter critical section))\n"), o.out());
        assertTrue(o.out().contains("VIOLATED      philosophers [none] no-deadlock: DEADLOCK counterexample of 4"
                + " steps (deadlock after 4 steps: no action enabled, unfinished: phil0, phil1, phil2, phil3)\n"),
                o.out());
    }

    @Test
    void verifyExitsThreeWhenABoundIsHit() {
        Outcome o = run("verify", "--scenario", "counter", "--max-states", "2");
        assertEquals(3, o.code(), o.err());
        assertTrue(o.out().contains("INCONCLUSIVE  counter [none] no-deadlock: bound hit: max-states 2"
                + " (2 states explored)\n"), o.out());
        assertEquals(3, run("verify", "--scenario", "counter", "--max-depth", "2", "-q").code());
        assertEquals(3, run("verify", "--scenario", "counter", "--limit", "100000000", "--time-limit", "0.2",
                "-q").code());
    }

    @Test
    void aViolationWinsOverInconclusive() {
        assertEquals(1, run("verify", "--scenario", "peterson-broken", "--scenario", "counter", "--max-depth", "6",
                "-q").code());
    }

    @Test
    void verifyWithoutScenarioRunsTheDefaultSet(@TempDir Path tmp) {
        Path json = tmp.resolve("r.json");
        Outcome o = run("verify", "--json", json.toString(), "-q");
        assertEquals(1, o.code(), o.err());
        List<String> ids = ResultJson.read(json).runs().stream().map(Run::scenario).toList();
        assertEquals(new FixtureCatalog().defaultScenarioIds(), ids);
        assertEquals(7, ids.size());
    }

    @Test
    void jsonAndOutDirGetTheResult(@TempDir Path tmp) throws IOException {
        Path json = tmp.resolve("sub/r.json");
        Path dir = tmp.resolve("out");
        Outcome o = run("verify", "--json", json.toString(), "--out", dir.toString(), "-q", "--all",
                "--scenario", "peterson-broken", "--scenario", "symmetric-counters", "--processes", "2");
        assertEquals(1, o.code(), o.err());
        assertEquals("", o.out(), "quiet");
        Result r = ResultJson.read(json);
        assertEquals(Result.SCHEMA, r.schema());
        assertEquals(2, r.runs().size());
        Run pb = r.runs().get(0);
        assertEquals("peterson-broken", pb.scenario());
        assertEquals(Verdict.VIOLATED, pb.result("mutual-exclusion").verdict());
        assertEquals(2, pb.result("mutual-exclusion").violations(), "--all counts both violating states");
        assertEquals(6, pb.result("mutual-exclusion").counterexample().steps().size());
        assertEquals(2, pb.params().get("processes"));
        Run sym = r.runs().get(1);
        assertEquals(6, sym.stats().distinctStates(), "K=2, m=2: C(4, 2) orbits");
        assertEquals(Files.readString(json), Files.readString(dir.resolve("result.json")));
        try (var files = Files.list(json.getParent())) {
            assertEquals(List.of("r.json"), files.map(p -> p.getFileName().toString()).toList(), "no temp files");
        }
    }

    @Test
    void searchOptionsReachTheEngine(@TempDir Path tmp) throws IOException {
        Path json = tmp.resolve("r.json");
        assertEquals(0, run("verify", "--scenario", "symmetric-counters", "--no-symmetry", "--dfs", "--exact",
                "--threads", "3", "--json", json.toString(), "-q").code());
        Run run = ResultJson.read(json).runs().get(0);
        assertEquals(27, run.stats().distinctStates());
        assertFalse(run.stats().symmetry());
        assertEquals(1, run.stats().threads(), "DFS is single-threaded");
        assertEquals(0, run("verify", "--scenario", "symmetric-counters", "--threads", "3", "--json", json.toString(),
                "-q").code());
        run = ResultJson.read(json).runs().get(0);
        assertEquals(10, run.stats().distinctStates());
        assertTrue(run.stats().symmetry());
        assertEquals(3, run.stats().threads());
        assertNotNull(ResultJson.read(json).tool().version());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "verify --scenario nope",
        "verify --processes 0",
        "verify --gpas 0",
        "verify --limit -1",
        "verify --threads 0",
        "verify --max-states 0",
        "verify --max-depth -2",
        "verify --time-limit 0",
        "verify --time-limit abc",
        "verify --processes abc",
        "verify --foo",
        "verify --scenario",
        "verify --policy bogus",
        "verify --fault-retry bogus",
        "verify --zap-retry bogus",
        "verify --policy none --fault-retry none",
        "verify --scenario philosophers --processes 1",
        "verify --scenario counter --json /proc/no/such/dir/r.json",
        "verify --scenario counter --out /proc/no/such/dir",
        "frobnicate",
        ""
    })
    void badInputGivesOneLineAndExitTwo(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        Outcome o = run(args);
        assertEquals(2, o.code(), line + " -> " + o.err());
        assertEquals("", o.out(), line);
        String err = o.err();
        assertTrue(err.startsWith("tdxcheck: "), err);
        assertTrue(err.endsWith("\n"), err);
        assertEquals(1, err.split("\n").length, "one line: " + err);
        assertFalse(err.contains("Exception:"), err);
        assertFalse(err.contains("\tat "), err);
        assertFalse(err.contains("at tdxcheck."), err);
    }

    @Test
    void badInputMessagesNameTheProblem() {
        assertEquals("tdxcheck: unknown scenario 'nope' (known: counter, two-state-cycle, peterson, peterson-broken,"
                + " philosophers, philosophers-ordered, symmetric-counters)\n", run("verify", "--scenario", "nope").err());
        assertEquals("tdxcheck: --processes must be an integer from 1 to 6 (got 0)\n",
                run("verify", "--processes", "0").err());
        assertEquals("tdxcheck: unknown option '--foo' (see tdxcheck verify --help)\n", run("verify", "--foo").err());
        assertEquals("tdxcheck: missing command: verify, compare, list, report, replay, regress, bench or help"
                + " (see tdxcheck --help)\n", run().err());
    }

    @Test
    void helpAndVersionExitZero() {
        Outcome h = run("verify", "--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("--max-states"));
        Outcome v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("tdxcheck "), v.out());
    }
}
