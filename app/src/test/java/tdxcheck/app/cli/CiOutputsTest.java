package tdxcheck.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;

/**
 * {@code verify --junit} read by a real JUnit XML consumer (Maven Surefire's report parser, the
 * reader behind the surefire-report plugin), {@code --github} annotations and the step summary,
 * and {@code --version}'s commit and model fingerprint in the result JSON.
 */
class CiOutputsTest {
    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<ReportTestSuite> parse(Path xml) throws Exception {
        TestSuiteXmlParser parser = new TestSuiteXmlParser(new NullConsoleLogger());
        List<ReportTestSuite> suites = parser.parse(xml.toString());
        assertTrue(parser.isValid(), "Surefire's parser rejected " + xml + ":\n" + Files.readString(xml));
        return suites;
    }

    @Test
    void junitXmlIsOneTestCasePerScenarioPolicyPropertyWithTheTraceAsTheFailure(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("ci/tdxcheck.xml");
        Outcome o = run("verify", "--scenario", "frozen-spte-race,accept-vs-remove", "--policy", "upstream",
                "--junit", xml.toString(), "-q");
        assertEquals(1, o.code(), o.err());
        List<ReportTestSuite> suites = parse(xml);
        assertEquals(2, suites.size());
        ReportTestSuite holds = suites.get(0);
        assertEquals("frozen-spte-race [upstream] (vcpus=2, gpas=1, threshold=6, pendingEvents=false, guest=ve,"
                + " zapKind=punch-hole, zaps=1, presentSpte=spurious, vpEnterErrors=none, errorR9Nmi=true)",
                holds.getFullClassName());
        assertEquals(8, holds.getNumberOfTests());
        assertEquals(0, holds.getNumberOfFailures());
        assertEquals(List.of("no-zero-step", "no-busy-livelock", "no-deadlock", "no-kvm-bug", "no-guest-busy",
                "no-vm-dead", "lock-safety", "no-misdecoded-exit"), holds.getTestCases().stream().map(ReportTestCase::getName).toList());
        assertTrue(holds.getTestCases().stream().allMatch(ReportTestCase::isSuccessful));

        ReportTestSuite violated = suites.get(1);
        assertEquals(8, violated.getNumberOfTests());
        assertEquals(1, violated.getNumberOfFailures());
        List<ReportTestCase> failed = violated.getTestCases().stream().filter(ReportTestCase::hasFailure).toList();
        assertEquals(1, failed.size());
        ReportTestCase guestBusy = failed.get(0);
        assertEquals("no-guest-busy", guestBusy.getName());
        assertEquals("VIOLATED", guestBusy.getFailureType());
        assertEquals("no-guest-busy violated by step 5 (guest0: TDG.MEM.PAGE.ACCEPT gpa0 [acquire] ->"
                + " TDX_OPERAND_BUSY|RCX => guest panic)", guestBusy.getFailureMessage());
        String trace = guestBusy.getFailureDetail();
        assertTrue(trace.contains("tdxcheck counterexample: no-guest-busy VIOLATED"), trace);
        assertTrue(trace.contains("   5. guest0"), trace);
        assertTrue(trace.contains("TDX_OPERAND_BUSY|RCX"), trace);
    }

    @Test
    void anInconclusiveVerdictIsAnErrorNotAPass(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("t.xml");
        Outcome o = run("verify", "--scenario", "fault-storm", "--max-states", "50", "--junit", xml.toString(), "-q");
        assertEquals(3, o.code(), o.err());
        ReportTestSuite s = parse(xml).get(0);
        assertEquals(8, s.getNumberOfTests());
        assertEquals(0, s.getNumberOfFailures());
        assertEquals(8, s.getNumberOfErrors());
        ReportTestCase c = s.getTestCases().get(0);
        assertTrue(c.hasError());
        assertEquals("INCONCLUSIVE", c.getFailureType());
        assertTrue(c.getFailureMessage().contains("50"), c.getFailureMessage());
    }

    @Test
    void githubAnnotatesEveryViolationAndAppendsTheStepSummary(@TempDir Path dir) throws Exception {
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, "earlier step\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // the environment is the command's; the test gives its own $GITHUB_STEP_SUMMARY
        picocli.CommandLine cl = new picocli.CommandLine(new Main());
        java.io.PrintWriter o = new java.io.PrintWriter(out, true, StandardCharsets.UTF_8);
        VerifyCommand verify = new VerifyCommand(Families.find("tdx"), o, new PrintStream(err, true, StandardCharsets.UTF_8));
        verify.env = Map.of(CiOptions.STEP_SUMMARY, summary.toString());
        cl.addSubcommand("verify", verify);
        FamilyOptions.add(cl.getSubcommands().get("verify").getCommandSpec(), Families.find("tdx"));
        int code = cl.execute("verify", "--scenario", "accept-vs-remove", "--github", "-q");
        o.flush();
        assertEquals(1, code, err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals("::error title=no-guest-busy VIOLATED%3A accept-vs-remove [upstream] (vcpus=1%2C gpas=1%2C"
                + " threshold=6%2C pendingEvents=false%2C guest=linux%2C zapKind=punch-hole%2C zaps=1%2C presentSpte=spurious%2C vpEnterErrors=none%2C errorR9Nmi=true)::no-guest-busy violated by step 5 (guest0:"
                + " TDG.MEM.PAGE.ACCEPT gpa0 [acquire] -> TDX_OPERAND_BUSY|RCX => guest panic)%0ASAFETY counterexample"
                + " of 5 steps (tdxcheck verify --out DIR writes the trace)\n", text);
        String md = Files.readString(summary);
        assertTrue(md.startsWith("earlier step\n## tdxcheck verdicts\n"), md);
        assertTrue(md.contains("accept-vs-remove"), md);
    }

    @Test
    void versionPrintsTheCommitAndTheModelFingerprintAndTheJsonCarriesBoth(@TempDir Path dir) throws Exception {
        Outcome v = run("--version");
        assertEquals(0, v.code());
        String[] lines = v.out().split("\n");
        assertTrue(lines[0].matches("tdxcheck 0\\.1\\.0 \\(commit [0-9a-z.-]+\\)"), v.out());
        assertTrue(lines[1].matches("model tdx:sha256:[0-9a-f]{16}"), v.out());
        Path json = dir.resolve("r.json");
        assertEquals(0, run("verify", "--scenario", "frozen-spte-race", "--json", json.toString(), "-q").code());
        Result r = ResultJson.read(json);
        assertEquals(lines[1].substring("model ".length()), r.tool().model());
        assertEquals(lines[0].replaceAll(".*\\(commit (.*)\\)", "$1"), r.tool().commit());
        Outcome other = run("--family", "tdx-enable", "--version");
        assertFalse(other.out().contains(r.tool().model()), "each family has its own fingerprint");
    }
}
