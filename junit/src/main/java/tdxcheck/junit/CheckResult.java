package tdxcheck.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.MultipleFailuresError;
import tdxcheck.app.check.Reasons;
import tdxcheck.reports.AtomicFiles;
import tdxcheck.reports.JunitXmlRenderer;
import tdxcheck.reports.ReportWriter;
import tdxcheck.reports.TextTraceRenderer;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Tool;
import tdxcheck.reports.result.Verdict;

/**
 * The verdicts of one check, with JUnit 5 assertions. A failed assertion's message names the
 * scenario, policy and params, the expected and actual verdict with its one-line reason, and,
 * when the property is VIOLATED, the counterexample as a numbered text trace
 * ({@link TextTraceRenderer}) a kernel developer can read (and paste into a mail).
 */
public final class CheckResult {
    private final Run run;
    private final Tool tool;

    CheckResult(Run run, Tool tool) {
        this.run = run;
        this.tool = tool;
    }

    /** The tdxcheck-result/1 document of this check (one run), as {@code verify --json} writes it. */
    public Result result() {
        return Result.of(tool, List.of(run));
    }

    /**
     * Writes the same reports as {@code tdxcheck verify --out DIR} (result.json, summary.md,
     * report.html, traces/*.txt, lassos/*.dot) and {@code junit.xml} (as {@code --junit}) into
     * {@code dir}; returns the files written.
     */
    public List<Path> writeReports(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>(ReportWriter.writeAll(result(), dir));
        Path junit = dir.resolve("junit.xml");
        AtomicFiles.write(junit, new JunitXmlRenderer().render(result()));
        files.add(junit);
        return files;
    }

    /** The tdxcheck-result/1 run (stats, every verdict, counterexamples). */
    public Run run() {
        return run;
    }

    public Verdict verdict(String property) {
        return result(property).verdict();
    }

    /** The one-line reason: "exhaustive, N states", the counterexample summary, or the bound. */
    public String reason(String property) {
        return Reasons.of(run, result(property));
    }

    /** The counterexample as numbered text, or "" when the property is not VIOLATED. */
    public String trace(String property) {
        PropertyResult pr = result(property);
        return pr.counterexample() == null ? "" : new TextTraceRenderer().render(run, pr);
    }

    /** Distinct states of the search. */
    public long distinctStates() {
        return run.stats().distinctStates();
    }

    public CheckResult assertHolds(String... properties) {
        return assertAll(Verdict.HOLDS, properties);
    }

    public CheckResult assertViolated(String... properties) {
        return assertAll(Verdict.VIOLATED, properties);
    }

    public CheckResult assertInconclusive(String... properties) {
        return assertAll(Verdict.INCONCLUSIVE, properties);
    }

    /** Every checked property holds. */
    public CheckResult assertAllHold() {
        return assertAll(Verdict.HOLDS, run.results().stream().map(PropertyResult::property).toArray(String[]::new));
    }

    public CheckResult assertVerdict(String property, Verdict expected) {
        return assertAll(expected, property);
    }

    private CheckResult assertAll(Verdict expected, String... properties) {
        if (properties.length == 0) {
            throw new IllegalArgumentException("name at least one property");
        }
        List<AssertionFailedError> failures = new ArrayList<>();
        for (String p : properties) {
            AssertionFailedError f = failure(p, expected, null);
            if (f != null) {
                failures.add(f);
            }
        }
        if (failures.size() == 1) {
            throw failures.get(0);
        }
        if (!failures.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (AssertionFailedError f : failures) {
                sb.append(f.getMessage()).append('\n');
            }
            throw new MultipleFailuresError(sb.toString().strip(), failures);
        }
        return this;
    }

    /**
     * The failure for {@code property} not having {@code expected}, or null if it has.
     * {@code where} (e.g. the suite file line of an expectation) goes into the message when given.
     */
    AssertionFailedError failure(String property, Verdict expected, String where) {
        PropertyResult pr = result(property);
        if (pr.verdict() == expected) {
            return null;
        }
        StringBuilder m = new StringBuilder();
        m.append(describeRun()).append(": expected ").append(property).append(' ').append(expected)
                .append(", but it is ").append(pr.verdict()).append(": ").append(Reasons.of(run, pr));
        if (where != null) {
            m.append(" [").append(where).append(']');
        }
        if (pr.counterexample() != null) {
            m.append("\n\n").append(new TextTraceRenderer().render(run, pr));
        }
        return new AssertionFailedError(m.toString(), expected, pr.verdict());
    }

    /** "frozen-spte-race [upstream] (vcpus=2, gpas=1, threshold=6, pendingEvents=false)". */
    String describeRun() {
        List<String> ps = new ArrayList<>();
        for (Map.Entry<String, Object> e : run.params().entrySet()) {
            ps.add(e.getKey() + "=" + e.getValue());
        }
        return run.scenario() + " [" + run.policy().label() + "] (" + String.join(", ", ps) + ")";
    }

    private PropertyResult result(String property) {
        PropertyResult pr = run.result(property);
        if (pr == null) {
            throw new IllegalArgumentException("property '" + property + "' was not checked (checked: "
                    + String.join(", ", run.results().stream().map(PropertyResult::property).toList()) + ")");
        }
        return pr;
    }

    @Override
    public String toString() {
        List<String> vs = new ArrayList<>();
        for (PropertyResult pr : run.results()) {
            vs.add(pr.property() + "=" + pr.verdict());
        }
        return describeRun() + ": " + String.join(", ", vs);
    }
}
