package tdxcheck.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;
import tdxcheck.reports.result.Run;

/** What a new user types, and what they should read back (issue 18, CLI manners). */
class CliMannersTest {
    private static final tdxcheck.core.catalog.Catalog TDX = Families.find("tdx");
    private static final String KNOWN = String.join(", ", TDX.scenarios().stream().map(s -> s.id()).toList());

    private static CiOutputsTest.Outcome run(String... args) {
        return CiOutputsTest.run(args);
    }

    @Test
    void helpVerifyIsVerifyHelpAndNamesTheRealDefaultsAndRanges() {
        CiOutputsTest.Outcome help = run("help", "verify");
        assertEquals(0, help.code(), help.err());
        assertEquals(run("verify", "--help").out(), help.out());
        String h = help.out().replaceAll("\\s+", " ");
        assertTrue(h.contains("--scenario=ID[,ID...] Scenario to check (repeatable; default: "
                + String.join(", ", TDX.defaultScenarioIds()) + ";"), h);
        assertTrue(h.contains("Policy preset (repeatable; default: upstream; all: "
                + String.join(", ", TDX.presets().stream().map(p -> p.id()).toList()) + ")"), h);
        assertTrue(h.contains("number of vCPUs (1..8; default: 2; accept-vs-remove, memslot-delete, multi-gpa-rip, accept-4k-on-2m 1)"), h);
        assertTrue(h.contains("Search threads, 1 or more"), h);
        assertTrue(h.contains("ignored for no-busy-livelock"), h);
    }

    @Test
    void mistypedOptionsCommandsAndIdsGetADidYouMean() {
        assertEquals(new CiOutputsTest.Outcome(2, "",
                "tdxcheck: unknown option '--scenaro'; did you mean --scenario? (see tdxcheck verify --help)\n"),
                run("verify", "--scenaro", "x"));
        assertEquals("tdxcheck: unknown command 'verfy'; did you mean verify? (see tdxcheck --help)\n", run("verfy").err());
        assertEquals("tdxcheck: unknown scenario 'frozen-spte-rac'; did you mean 'frozen-spte-race'? (known: "
                + KNOWN + ")\n",
                run("verify", "--scenario", "frozen-spte-rac").err());
        assertTrue(run("verify", "--policy", "upstrem").err().contains("did you mean 'upstream'?"));
        assertTrue(run("verify", "--zap-retry", "kick-befor-block").err().contains("did you mean 'kick-before-block'?"));
        assertTrue(run("verify", "--property", "no-zero-stp").err().contains("did you mean 'no-zero-step'?"));
        // nothing close: no guess, the known list as before
        assertEquals("tdxcheck: unknown scenario 'xyzzy' (known: " + KNOWN + ")\n",
                run("verify", "--scenario", "xyzzy").err());
    }

    /** The huge-page parameters belong to the huge-page scenarios only (docs/hugepage.md). */
    @Test
    void aParameterTheScenarioDoesNotTakeIsOneLine() {
        assertEquals(new CiOutputsTest.Outcome(2, "", "tdxcheck: scenario zap-vs-running does not take --edi\n"),
                run("verify", "--scenario", "zap-vs-running", "--edi", "false"));
        assertEquals(0, run("verify", "--scenario", "demote-vs-running", "--edi", "true", "-q").code());
    }

    @Test
    void errorsNameNoJavaClass(@TempDir Path dir) throws Exception {
        Path notJson = dir.resolve("hostname");
        Files.writeString(notJson, "vm-1\n");
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, new byte[] {'{', '"', (byte) 0xe9, '"', '}'});
        Path unknownField = dir.resolve("u.json");
        Files.writeString(unknownField, "{\"schema\":\"tdxcheck-result/1\",\"tool\":{\"name\":\"t\",\"version\":\"1\"},"
                + "\"runs\":[],\"bogus\":1}");
        for (String[] args : List.of(new String[] {"report", dir.resolve("missing.json").toString(), "--out", dir.toString()},
                new String[] {"replay", notJson.toString()}, new String[] {"replay", latin1.toString()},
                new String[] {"replay", unknownField.toString()}, new String[] {"verify", "--suite", dir.resolve("no.tdx").toString()})) {
            CiOutputsTest.Outcome o = run(args);
            assertEquals(2, o.code(), String.join(" ", args) + ": " + o.err());
            assertEquals(1, o.err().lines().count(), o.err());
            assertFalse(o.err().matches("(?s).*(Exception|Error\\b|Feature|\\[Source:|JSON String|reference chain).*"),
                    String.join(" ", args) + ": " + o.err());
        }
        assertEquals("tdxcheck: cannot read " + dir.resolve("missing.json") + ": no such file " + dir.resolve("missing.json")
                + "\n", run("report", dir.resolve("missing.json").toString(), "--out", dir.toString()).err());
    }

    @Test
    void printConfigShowsTheRealDefaults() {
        String c = run("verify", "--print-config").out();
        assertTrue(c.matches("(?s).*\nvcpus +=  ?\\(per scenario: 2; accept-vs-remove, memslot-delete, multi-gpa-rip, accept-4k-on-2m 1\\).*"), c);
        assertTrue(c.matches("(?s).*\ngpas +=  ?\\(per scenario: 1; zap-vs-zero-step 3; fault-storm, memslot-delete 2;"
                + " multi-gpa-rip 7\\).*"), c);
        assertTrue(c.contains("# default: verify checks " + String.join(", ", TDX.defaultScenarioIds())
                + " (required in a suite file)"), c);
    }

    @Test
    void exactCountsCollisionsAndDfsWithLivenessSaysItIsIgnored() {
        CiOutputsTest.Outcome exact = run("verify", "--scenario", "frozen-spte-race", "--exact");
        assertEquals(0, exact.code(), exact.err());
        assertTrue(exact.out().endsWith("\nfingerprint collisions: 0 (--exact stored every state and compared)\n"),
                exact.out());
        CiOutputsTest.Outcome dfs = run("verify", "--scenario", "frozen-spte-race", "--dfs");
        assertEquals("tdxcheck: frozen-spte-race [upstream]: --dfs is ignored for no-busy-livelock: its state graph is"
                + " built breadth-first\n", dfs.err());
        CiOutputsTest.Outcome weak = run("verify", "--scenario", "frozen-spte-race", "--dfs", "--fairness", "weak");
        assertEquals("tdxcheck: frozen-spte-race [upstream]: --dfs is ignored with no-busy-livelock: BFS instead of DFS:"
                + " the liveness graph is built breadth-first\n", weak.err());
        CiOutputsTest.Outcome plain = run("verify", "--scenario", "frozen-spte-race");
        assertFalse(plain.err().contains("thread"), "no thread note without --threads: " + plain.err());
        assertFalse(plain.out().contains("\u001b["), "no colour when not on a terminal");
    }

    /** --por: same verdict matrix, one line where it is ignored (liveness, DFS), none for safety alone. */
    @Test
    void porSaysWhereItIsIgnored() {
        CiOutputsTest.Outcome full = run("verify", "--scenario", "frozen-spte-race,convert-vs-accept");
        CiOutputsTest.Outcome por = run("verify", "--scenario", "frozen-spte-race,convert-vs-accept", "--por");
        assertEquals(full.code(), por.code());
        assertEquals(verdictsOnly(full.out()), verdictsOnly(por.out()));
        assertEquals("tdxcheck: frozen-spte-race [upstream]: --por is ignored for no-busy-livelock: its state graph"
                + " must be complete\ntdxcheck: convert-vs-accept [upstream]: --por is ignored for no-busy-livelock:"
                + " its state graph must be complete\n", por.err());
        CiOutputsTest.Outcome weak = run("verify", "--scenario", "frozen-spte-race", "--por", "--fairness", "weak");
        assertEquals("tdxcheck: frozen-spte-race [upstream]: --por: partial-order reduction off: the liveness graph"
                + " must be complete\n", weak.err());
        CiOutputsTest.Outcome dfs = run("verify", "--scenario", "frozen-spte-race", "--por", "--dfs", "--property",
                "no-zero-step");
        assertEquals("tdxcheck: frozen-spte-race [upstream]: --por: partial-order reduction off: its cycle proviso is"
                + " the breadth-first one\n", dfs.err());
        CiOutputsTest.Outcome safety = run("verify", "--scenario", "frozen-spte-race", "--por", "--property",
                "no-zero-step");
        assertEquals("", safety.err());
        assertTrue(safety.out().contains(" 48 "), "48 states with --por (82 without): " + safety.out());
    }

    /**
     * The matrix rows without the states and seconds columns (the violation lines after them name
     * counterexample lengths, and one found under --por need not be a shortest one).
     */
    private static String verdictsOnly(String out) {
        return out.lines().takeWhile(l -> !l.isEmpty()).map(l -> l.replaceAll("\\s+\\d+\\s+[\\d.]+$", "")
                .replaceAll("\\s+states\\s+seconds$", "")).collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void axisListsCheckEveryCombinationAndCompareShowsTwoPoliciesSideBySide(@TempDir Path dir) {
        Path json = dir.resolve("r.json");
        CiOutputsTest.Outcome o = run("verify", "--scenario", "accept-vs-remove", "--fault-retry", "local-retry,resume-guest",
                "--zap-retry", "retry-once-then-kick", "--zap-retry", "kick-before-block", "--json", json.toString(), "-q");
        assertEquals(1, o.code(), o.err());
        Result r = ResultJson.read(json);
        assertEquals(List.of("v6.16", "local-retry+kick-before-block+classified", "resume-guest+retry-once-then-kick+classified",
                "resume-guest+kick-before-block+classified"), r.runs().stream().map(x -> x.policy().label()).toList());
        assertTrue(run("verify", "--policy", "upstream", "--zap-retry", "kick-before-block").err().contains("not both"));

        CiOutputsTest.Outcome cmp = run("compare", "upstream", "sep2024-proposal", "--scenario", "accept-vs-remove,zap-vs-running");
        assertEquals(1, cmp.code(), cmp.err());
        assertEquals("scenario          property       upstream  sep2024-proposal\n"
                + "accept-vs-remove  no-guest-busy  VIOLATED  HOLDS             <- differs\n"
                + "1 verdict differs, 15 agree (--all-rows shows them)\n", cmp.out());
        CiOutputsTest.Outcome same = run("compare", "upstream", "local-retry-slot-break+retry-once-then-kick+classified", "--scenario",
                "zap-vs-running", "--all-rows");
        assertEquals(0, same.code(), same.err());
        assertEquals(10, same.out().lines().count(), same.out()); // header, 8 properties, the count
        assertTrue(run("compare", "upstream", "nonsense").err().startsWith("tdxcheck: unknown policy 'nonsense': give a preset"));
    }

    @Test
    void benchChecksItsJsonPathBeforeRunning(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("f");
        Files.writeString(file, "x");
        CiOutputsTest.Outcome o = run("bench", "--quick", "--json", file.resolve("under-a-file.json").toString());
        assertEquals(2, o.code());
        assertEquals("", o.out(), "nothing benchmarked");
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("tdxcheck: cannot write " + file.resolve("under-a-file.json")), o.err());
    }

    @Test
    void colourPaintsVerdictsAndKeepsColumns(@TempDir Path dir) {
        Path json = dir.resolve("r.json");
        run("verify", "--scenario", "accept-vs-remove,zap-vs-running", "--json", json.toString(), "-q");
        List<Run> runs = ResultJson.read(json).runs();
        String plain = VerdictMatrix.render(runs, false);
        String coloured = VerdictMatrix.render(runs, true);
        assertTrue(coloured.contains("\u001b[31mVIOLATED\u001b[0m"), coloured);
        assertTrue(coloured.contains("\u001b[32mHOLDS\u001b[0m"), coloured);
        assertEquals(plain, coloured.replaceAll("\u001b\\[\\d+m", ""), "same columns once the colour is stripped");
        assertFalse(run("verify", "--scenario", "zap-vs-running", "--no-color").out().contains("\u001b["));
    }

    @Test
    void completionAndManPageAreGeneratedFromTheCommandLineModel() {
        CiOutputsTest.Outcome c = run("completion");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("complete -F _complete_tdxcheck"), c.out().substring(0, 300));
        assertTrue(c.out().contains("--fault-retry") && c.out().contains("--junit") && c.out().contains("compare"));
        CiOutputsTest.Outcome m = run("man");
        assertEquals(0, m.code(), m.err());
        assertTrue(m.out().startsWith(".TH TDXCHECK 1 "), m.out());
        for (String s : List.of(".SS tdxcheck verify", ".B \\-\\-junit \\fIFILE\\fR", ".SS tdxcheck compare A B",
                ".SH EXIT STATUS", "TDXCHECK_JAVA_OPTS", ".B \\-\\-vcpus \\fIN\\fR")) {
            assertTrue(m.out().contains(s), s + " in\n" + m.out());
        }
    }
}
