package tdxcheck.app.suite;

import tdxcheck.app.cli.Families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tdxcheck.app.TestCli;
import tdxcheck.app.TestCli.Outcome;
import tdxcheck.reports.result.ResultJson;
import tdxcheck.reports.result.Run;

/** verify --suite / --set / --print-config through Main.run, and the shipped suites. */
class SuiteCliTest {
    @TempDir
    Path tmp;

    private Path suite(String name, String... lines) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void theShippedSuitesPass() {
        Outcome o = TestCli.run("verify", "--suite", TestCli.suites().toString(), "-q");
        assertEquals(0, o.code(), o.out() + o.err());
        assertEquals("", o.out(), "quiet and nothing failed");
    }

    @Test
    void everyShippedSuiteSaysWhatQuestionItAnswersAndExpectsSomething() throws IOException {
        List<Path> files = Suites.expand(List.of(TestCli.suites()));
        assertTrue(files.size() >= 10, files.toString());
        for (String must : List.of("upstream", "mmu-part2", "sep2024-proposal", "local-retry-frozen",
                "kick-before-block")) {
            assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().startsWith(must + "-")), must);
        }
        for (Path f : files) {
            String text = Files.readString(f);
            assertTrue(text.startsWith("# Question: "), f + " starts with its question");
            assertTrue(text.contains("\n# Answer (current model): "), f.toString());
            assertTrue(Suites.load(f, new tdxcheck.tdx.TdxCatalog()).hasExpectations(), f.toString());
        }
    }

    @Test
    void matchingExpectationsExitZeroEvenWithViolationsAndAFailedOneExitsOne() throws IOException {
        Path good = suite("good.tdx",
                "# mmu-part2 reaches zero-step",
                "scenario = frozen-spte-race", "guest = ve",
                "policy = mmu-part2",
                "properties = no-zero-step, no-kvm-bug",
                "expect.no-zero-step = VIOLATED",
                "expect.no-kvm-bug = holds   # case does not matter");
        Outcome o = TestCli.run("verify", "--suite", good.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("  ok    expect.no-zero-step = VIOLATED (" + good + ":6): SAFETY, 31 steps: guest1"
                + " access gpa0 -> EXIT_REASON_EPT_VIOLATION\n"), o.out());
        assertTrue(o.out().endsWith("2 expectations: 2 met, 0 failed\n"), o.out());

        Path bad = suite("bad.tdx",
                "scenario = frozen-spte-race", "guest = ve",
                "policy = mmu-part2",
                "properties = no-zero-step",
                "expect.no-zero-step = HOLDS");
        o = TestCli.run("verify", "--suite", bad.toString());
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().contains(bad + ": frozen-spte-race [mmu-part2]\n  FAIL  expect.no-zero-step = HOLDS (" + bad
                + ":5): got VIOLATED: SAFETY, 31 steps: guest1 access gpa0 -> EXIT_REASON_EPT_VIOLATION\n"), o.out());
        assertTrue(o.out().endsWith("1 expectation: 0 met, 1 failed\n"), o.out());

        o = TestCli.run("verify", "--suite", good.toString(), "--suite", bad.toString(), "-q");
        assertEquals(1, o.code());
        assertFalse(o.out().contains("ok "), "quiet prints only the failures: " + o.out());
        assertTrue(o.out().contains("FAIL  expect.no-zero-step = HOLDS"), o.out());
    }

    @Test
    void aSuiteDecidesLivenessUnderAFairnessList() throws IOException {
        Path f = suite("both.tdx",
                "# TRACK retried forever against VP.ENTER: adversarial",
                "scenario = zap-vs-running", "policy = mmu-part2", "properties = no-busy-livelock",
                "fairness = hw,weak",
                "expect.no-busy-livelock = HOLDS");
        Outcome o = TestCli.run("verify", "--suite", f.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("HOLDS (hw); weak: VIOLATED adversarial"), o.out());
        Outcome weakFirst = TestCli.run("verify", "--suite", f.toString(), "--set", "fairness=weak,hw");
        assertEquals(1, weakFirst.code(), "weak decides: VIOLATED, not the expected HOLDS\n" + weakFirst.out());
    }

    @Test
    void aFileWithoutExpectationsDecidesByItsVerdicts() throws IOException {
        Path plain = suite("plain.tdx", "scenario = frozen-spte-race", "policy = upstream");
        assertEquals(0, TestCli.run("verify", "--suite", plain.toString(), "-q").code());
        Path violating = suite("violating.tdx", "scenario = frozen-spte-race", "guest = ve", "policy = mmu-part2",
                "properties = no-kvm-bug, no-zero-step");
        assertEquals(1, TestCli.run("verify", "--suite", violating.toString(), "-q").code());
        Path bounded = suite("bounded.tdx", "scenario = fault-storm", "max-states = 10", "properties = no-kvm-bug");
        assertEquals(3, TestCli.run("verify", "--suite", bounded.toString(), "-q").code());
        Path boundedExpected = suite("bounded2.tdx", "scenario = fault-storm", "max-states = 10",
                "properties = no-kvm-bug", "expect.no-kvm-bug = INCONCLUSIVE");
        assertEquals(0, TestCli.run("verify", "--suite", boundedExpected.toString(), "-q").code());
    }

    @Test
    void aDirectoryIsASuiteOfItsTdxFilesInNameOrder() throws IOException {
        suite("b.tdx", "scenario = zap-vs-running", "properties = no-kvm-bug", "expect.no-kvm-bug = HOLDS");
        suite("a.tdx", "scenario = frozen-spte-race", "properties = no-kvm-bug", "expect.no-kvm-bug = HOLDS");
        suite("notes.txt", "not a suite file");
        Path json = tmp.resolve("out/r.json");
        Outcome o = TestCli.run("verify", "--suite", tmp.toString(), "--json", json.toString(), "-q");
        assertEquals(0, o.code(), o.out() + o.err());
        assertEquals(List.of("frozen-spte-race", "zap-vs-running"),
                ResultJson.read(json).runs().stream().map(Run::scenario).toList());
    }

    @Test
    void layersAreDefaultsThenFileThenCommandLine() throws IOException {
        Path f = suite("layers.tdx",
                "# a comment",
                "scenario = frozen-spte-race",
                "policy = mmu-part2",
                "vcpus = 3",
                "",
                "threshold = 4",
                "expect.no-zero-step = VIOLATED");
        Outcome o = TestCli.run("verify", "--suite", f.toString(), "--vcpus", "2", "--zap-retry", "bug-on-busy",
                "--set", "expect.no-kvm-bug=HOLDS", "--print-config");
        assertEquals(0, o.code(), o.err());
        assertEquals("", o.err());
        List<String> l = o.out().lines().toList();
        assertEquals("# effective configuration: built-in defaults < " + f + " < command line", l.get(0));
        assertLine(l, "scenario", "frozen-spte-race", f + ":2");
        assertLine(l, "policy", "(none: custom axes)", f + ":3 (policy mmu-part2), command line (--zap-retry), "
                + f + ":3 (policy mmu-part2)"); // the third axis, exit-decode, from the preset too
        assertLine(l, "fault-retry", "resume-guest", f + ":3 (policy mmu-part2)");
        assertLine(l, "zap-retry", "bug-on-busy", "command line (--zap-retry)");
        assertLine(l, "vcpus", "2", "command line (--vcpus)");
        assertLine(l, "gpas", "1", "default (scenario frozen-spte-race)");
        assertLine(l, "threshold", "4", f + ":6");
        assertLine(l, "pending-events", "false", "default (scenario frozen-spte-race)");
        assertLine(l, "properties", "all", "default");
        assertLine(l, "fairness", "hw", "default");
        assertLine(l, "window-steps", "2", "default");
        assertLine(l, "max-states", "unbounded", "default");
        assertLine(l, "expect.no-zero-step", "VIOLATED", f + ":7");
        assertLine(l, "expect.no-kvm-bug", "HOLDS", "command line (--set expect.no-kvm-bug=HOLDS)");
        assertLine(l, "guest", "ve", "default (scenario frozen-spte-race)");
        assertLine(l, "zap-kind", "punch-hole", "default (scenario frozen-spte-race)");
        assertLine(l, "exit-decode", "classified", f + ":3 (policy mmu-part2)");
        assertLine(l, "zaps", "1", "default (scenario frozen-spte-race)");
        assertLine(l, "present-spte", "spurious", "default (scenario frozen-spte-race)");
        assertLine(l, "vp-enter-errors", "none", "default (scenario frozen-spte-race)");
        assertLine(l, "por", "false", "default");
        assertEquals(25, l.size(), o.out());

        // and the run uses exactly that
        Path json = tmp.resolve("r.json");
        o = TestCli.run("verify", "--suite", f.toString(), "--vcpus", "2", "--zap-retry", "bug-on-busy",
                "--set", "expect.no-kvm-bug=HOLDS", "--json", json.toString(), "-q");
        Run run = ResultJson.read(json).runs().get(0);
        assertEquals(2, run.params().get("vcpus"));
        assertEquals(4, run.params().get("threshold"));
        assertEquals("resume-guest", run.policy().axis("faultRetry"));
        assertEquals("bug-on-busy", run.policy().axis("zapRetry"));
        assertEquals(0, o.code(), "both expectations hold: " + o.out());
    }

    @Test
    void aCommandLinePolicyReplacesTheFilesAxes() throws IOException {
        Path f = suite("axes.tdx", "scenario = frozen-spte-race", "fault-retry = resume-guest",
                "zap-retry = bug-on-busy");
        List<String> l = TestCli.run("verify", "--suite", f.toString(), "--policy", "upstream", "--print-config")
                .out().lines().toList();
        assertLine(l, "policy", "upstream", "command line (--policy)");
        assertLine(l, "fault-retry", "local-retry-slot-break", "command line (--policy) (policy upstream)");
        assertLine(l, "zap-retry", "retry-once-then-kick", "command line (--policy) (policy upstream)");
        List<String> axes = TestCli.run("verify", "--suite", f.toString(), "--print-config").out().lines().toList();
        assertLine(axes, "policy", "(none: custom axes)", f + ":2, " + f + ":3, default (preset upstream)");
        Path sep = suite("sep.tdx", "scenario = frozen-spte-race", "fault-retry = local-retry-frozen",
                "zap-retry = kick-before-block");
        assertLine(TestCli.run("verify", "--suite", sep.toString(), "--print-config").out().lines().toList(),
                "policy", "sep2024-proposal", "axes match preset sep2024-proposal");
    }

    @Test
    void windowStepsComesFromTheFileThenTheCommandLine() throws IOException {
        Path f = suite("window.tdx", "scenario = zap-vs-zero-step", "window-steps = 5");
        assertLine(TestCli.run("verify", "--suite", f.toString(), "--print-config").out().lines().toList(),
                "window-steps", "5", f + ":2");
        assertEquals(5, Suites.load(f, new tdxcheck.tdx.TdxCatalog()).fairness().windowSteps(),
                "the run's fairness plan carries it");
        assertLine(TestCli.run("verify", "--suite", f.toString(), "--window-steps", "3", "--print-config").out()
                .lines().toList(), "window-steps", "3", "command line (--window-steps)");
    }

    /** The por key: from the file or --por; the run is reduced (frozen-spte-race: 48 states, 82 without). */
    @Test
    void porComesFromTheFileOrTheCommandLineAndReducesTheRun() throws IOException {
        Path on = suite("por.tdx", "scenario = frozen-spte-race", "properties = no-zero-step", "por = true",
                "expect.no-zero-step = HOLDS");
        assertLine(TestCli.run("verify", "--suite", on.toString(), "--print-config").out().lines().toList(), "por",
                "true", on + ":3");
        Path off = suite("plain.tdx", "scenario = frozen-spte-race", "properties = no-zero-step",
                "expect.no-zero-step = HOLDS");
        assertLine(TestCli.run("verify", "--suite", off.toString(), "--por", "--print-config").out().lines().toList(),
                "por", "true", "command line (--por)");
        Path json = tmp.resolve("r.json");
        Outcome o = TestCli.run("verify", "--suite", on.toString(), "--json", json.toString(), "-q");
        assertEquals(0, o.code(), o.out() + o.err());
        assertEquals(48, tdxcheck.reports.result.ResultJson.read(json).runs().get(0).stats().distinctStates());
        o = TestCli.run("verify", "--suite", off.toString(), "--json", json.toString(), "-q");
        assertEquals(0, o.code(), o.out() + o.err());
        assertEquals(82, tdxcheck.reports.result.ResultJson.read(json).runs().get(0).stats().distinctStates());
        Path bad = suite("bad.tdx", "scenario = frozen-spte-race", "por = yes");
        Outcome b = TestCli.run("verify", "--suite", bad.toString());
        assertEquals(2, b.code());
        assertTrue(b.err().contains("expected true or false, got 'yes'"), b.err());
    }

    @Test
    void printConfigWithoutASuiteShowsDefaultsAndTheCommandLine() {
        Outcome o = TestCli.run("verify", "--print-config", "--pending-events", "--fairness", "strong");
        assertEquals(0, o.code(), o.err());
        List<String> l = o.out().lines().toList();
        assertEquals("# effective configuration: built-in defaults < command line", l.get(0));
        assertLine(l, "scenario", "(not set)", "default: verify checks " + String.join(", ",
                Families.find("tdx").defaultScenarioIds()) + " (required in a suite file)");
        assertLine(l, "policy", "upstream", "default");
        assertLine(l, "fault-retry", "local-retry-slot-break", "default (preset upstream)");
        assertLine(l, "vcpus", "(per scenario: 2; accept-vs-remove, memslot-delete, multi-gpa-rip, accept-4k-on-2m 1)",
                "default (per scenario)");
        assertLine(l, "pending-events", "true", "command line (--pending-events)");
        assertLine(l, "fairness", "strong", "command line (--fairness)");
        assertEquals("# no expect.* keys: exit code 1 on any violation", l.get(l.size() - 1));
    }

    @Test
    void setWorksWithoutASuite() {
        Outcome o = TestCli.run("verify", "--scenario", "frozen-spte-race", "--guest", "ve", "--property", "no-zero-step",
                "--set", "expect.no-zero-step=HOLDS", "-q");
        assertEquals(0, o.code(), o.out() + o.err());
        o = TestCli.run("verify", "--scenario", "frozen-spte-race", "--guest", "ve", "--policy", "mmu-part2", "--property",
                "no-zero-step", "--set", "expect.no-zero-step=HOLDS", "-q");
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("FAIL  expect.no-zero-step = HOLDS (command line (--set expect.no-zero-step=HOLDS)):"
                + " got VIOLATED"), o.out());
    }

    private static void assertLine(List<String> lines, String key, String value, String source) {
        for (String l : lines) {
            if (l.startsWith(key + " ")) {
                assertTrue(l.matches(java.util.regex.Pattern.quote(key) + " += " + java.util.regex.Pattern.quote(value)
                        + " +# " + java.util.regex.Pattern.quote(source)), "line for " + key + ": '" + l + "'");
                return;
            }
        }
        throw new AssertionError("no line for " + key + " in\n" + String.join("\n", lines));
    }

    // ---- bad input: one line on stderr, exit 2 ----

    @Test
    void anUnknownKeyNamesTheNearestValidKey() throws IOException {
        Path f = suite("suite.tdx", "# misspelt", "scenario = frozen-spte-race", "vcpu = 2");
        assertEquals("unknown key 'vcpu' in " + f + " line 3; did you mean 'vcpus'?",
                TestCli.run("verify", "--suite", f.toString()).assertOneLineError());
        Path g = suite("g.tdx", "scenario = frozen-spte-race", "expect.no-zero-stp = HOLDS");
        assertEquals("unknown key 'expect.no-zero-stp' in " + g + " line 2; did you mean 'expect.no-zero-step'?",
                TestCli.run("verify", "--suite", g.toString()).assertOneLineError());
        Path h = suite("h.tdx", "scenario = frozen-spte-race", "colour = blue");
        assertTrue(TestCli.run("verify", "--suite", h.toString()).assertOneLineError()
                .startsWith("unknown key 'colour' in " + h + " line 2 (known keys: scenario, policy, fault-retry,"));
        assertEquals("unknown key 'treshold' in the command line (--set treshold=3); did you mean 'threshold'?",
                TestCli.run("verify", "--scenario", "frozen-spte-race", "--set", "treshold=3").assertOneLineError());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "vcpus = two|wrong type for 'vcpus' in FILE line 2: expected an integer from 1 to 8, got 'two'",
        "vcpus = 0|wrong type for 'vcpus' in FILE line 2: expected an integer from 1 to 8, got '0'",
        "threshold = 2.5|wrong type for 'threshold' in FILE line 2: expected an integer from 1 to 15, got '2.5'",
        "pending-events = yes|wrong type for 'pending-events' in FILE line 2: expected true or false, got 'yes'",
        "expect.no-kvm-bug = PASSES|wrong type for 'expect.no-kvm-bug' in FILE line 2: expected HOLDS, VIOLATED or"
                + " INCONCLUSIVE, got 'PASSES'",
        "max-states = lots|wrong type for 'max-states' in FILE line 2: expected a positive integer or 'unbounded', got"
                + " 'lots'",
        "time-limit = -1|wrong type for 'time-limit' in FILE line 2: expected a positive number of seconds or"
                + " 'unbounded', got '-1'",
        "time-limit = 5d|wrong type for 'time-limit' in FILE line 2: expected a positive number of seconds or"
                + " 'unbounded', got '5d'",
        "time-limit = 0x10p0|wrong type for 'time-limit' in FILE line 2: expected a positive number of seconds or"
                + " 'unbounded', got '0x10p0'",
        "max-states = +5|wrong type for 'max-states' in FILE line 2: expected a positive integer or 'unbounded', got"
                + " '+5'",
        "properties = no-zero-step,no-kvm-bug,|wrong type for 'properties' in FILE line 2: expected 'all' or a"
                + " comma-separated list of property ids, got 'no-zero-step,no-kvm-bug,'",
        "window-steps = 0|wrong type for 'window-steps' in FILE line 2: expected an integer in 1..255, got '0'",
        "window-steps = 256|wrong type for 'window-steps' in FILE line 2: expected an integer in 1..255, got '256'",
        "fairness = fair|wrong type for 'fairness' in FILE line 2: expected hw, weak, strong or none, or a comma-separated list (hw,weak: the first gives the verdict), got 'fair'",
        "properties = no-zero-step,,no-kvm-bug|wrong type for 'properties' in FILE line 2: expected 'all' or a"
                + " comma-separated list of property ids, got 'no-zero-step,,no-kvm-bug'",
        "properties = no-zero-stop|unknown property 'no-zero-stop' for 'properties' in FILE line 2; did you mean"
                + " 'no-zero-step'?",
        "policy = upstrem|unknown policy preset 'upstrem' for 'policy' in FILE line 2; did you mean 'upstream'?",
        "zap-retry = never|unknown zap retry policy 'never' for 'zap-retry' in FILE line 2 (known: mmu-part2-loops,"
                + " retry-forever, retry-once-then-kick, kick-before-block, bug-on-busy, skip-track-kick, hp-v3,"
                + " retry-until-success)",
        "just some words|expected 'key = value' in FILE line 2, got 'just some words'",
        "= 3|expected 'key = value' in FILE line 2, got '= 3'",
        "scenario = zap-vs-running|key 'scenario' set twice in FILE (lines 1 and 2)",
    })
    void aBadValueNamesKeyLineAndExpectedType(String line, String message) throws IOException {
        Path f = suite("bad.tdx", "scenario = frozen-spte-race", line);
        assertEquals(message.replace("FILE", f.toString()),
                TestCli.run("verify", "--suite", f.toString()).assertOneLineError());
    }

    @Test
    void aMissingScenarioIsAnError() throws IOException {
        Path f = suite("noscenario.tdx", "# what are we checking?", "policy = upstream", "expect.no-kvm-bug = HOLDS");
        assertEquals("no scenario in " + f + ": add a line 'scenario = ID' (known: frozen-spte-race, zap-vs-running,"
                        + " zap-vs-zero-step, accept-vs-remove, fault-storm, "
                        + String.join(", ", tdxcheck.app.TestRuns.TDX.defaultScenarioIds().subList(5,
                        tdxcheck.app.TestRuns.TDX.defaultScenarioIds().size())) + ")",
                TestCli.run("verify", "--suite", f.toString()).assertOneLineError());
        // the command line may complete the file
        assertEquals(0, TestCli.run("verify", "--suite", f.toString(), "--scenario", "zap-vs-running", "-q").code());
        assertEquals("no scenario in " + f + ": add a line 'scenario = ID' (known: "
                        + String.join(", ", tdxcheck.app.TestRuns.TDX.defaultScenarioIds()) + ")",
                TestCli.run("verify", "--suite", f.toString(), "--print-config").assertOneLineError());
        Path typo = suite("typo.tdx", "scenario = frozen-spte-rice");
        assertEquals("unknown scenario 'frozen-spte-rice' for 'scenario' in " + typo
                + " line 1; did you mean 'frozen-spte-race'?", TestCli.run("verify", "--suite", typo.toString())
                .assertOneLineError());
    }

    @Test
    void otherBadSuitesAreOneLineToo() throws IOException {
        Path both = suite("both.tdx", "scenario = frozen-spte-race", "policy = upstream", "zap-retry = bug-on-busy");
        assertEquals("'policy' (" + both + " line 2) and 'zap-retry' (" + both + " line 3) are both set: give a preset"
                + " or the axes, not both", TestCli.run("verify", "--suite", both.toString()).assertOneLineError());
        Path excluded = suite("excluded.tdx", "scenario = frozen-spte-race", "properties = no-zero-step",
                "expect.no-kvm-bug = HOLDS");
        assertEquals("'expect.no-kvm-bug' (" + excluded + " line 3) expects a verdict for a property that 'properties'"
                + " (" + excluded + ":2) leaves out", TestCli.run("verify", "--suite", excluded.toString())
                .assertOneLineError());
        Path layout = suite("layout.tdx", "scenario = zap-vs-zero-step", "gpas = 2");
        assertEquals(layout + ": zap-vs-zero-step has a fixed layout of 3 gpas, got --gpas 2",
                TestCli.run("verify", "--suite", layout.toString()).assertOneLineError());
        Path missing = tmp.resolve("nope.tdx");
        assertEquals("cannot read suite file " + missing + ": no such file",
                TestCli.run("verify", "--suite", missing.toString()).assertOneLineError());
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertEquals("no *.tdx suite files in directory " + empty,
                TestCli.run("verify", "--suite", empty.toString()).assertOneLineError());
        Path binary = tmp.resolve("bin.tdx");
        Files.write(binary, new byte[] {(byte) 0xc3, (byte) 0x28, '\n'});
        assertEquals("cannot read suite file " + binary + ": not UTF-8 text",
                TestCli.run("verify", "--suite", binary.toString()).assertOneLineError());
        Path ok = suite("ok.tdx", "scenario = frozen-spte-race");
        assertEquals("with --suite, --set or --print-config give at most one --scenario (got zap-vs-running,"
                + " fault-storm)", TestCli.run("verify", "--suite", ok.toString(), "--scenario",
                "zap-vs-running,fault-storm").assertOneLineError());
        assertEquals("wrong type for 'vcpus' in the command line (--vcpus): expected an integer from 1 to 8, got '0'",
                TestCli.run("verify", "--suite", ok.toString(), "--vcpus", "0").assertOneLineError());
        assertEquals("expected KEY=VALUE in the command line (--set vcpus)",
                TestCli.run("verify", "--suite", ok.toString(), "--set", "vcpus").assertOneLineError());
    }

    @Test
    void crlfBomAndTrailingCommentsAreFine() throws IOException {
        Path f = tmp.resolve("dos.tdx");
        Files.writeString(f, "\uFEFF# dos file\r\nscenario = frozen-spte-race   # the race\r\nvcpus=2\r\n"
                + "properties = no-kvm-bug\r\nexpect.no-kvm-bug = HOLDS\r\n", StandardCharsets.UTF_8);
        Outcome o = TestCli.run("verify", "--suite", f.toString(), "-q");
        assertEquals(0, o.code(), o.out() + o.err());
    }
}
