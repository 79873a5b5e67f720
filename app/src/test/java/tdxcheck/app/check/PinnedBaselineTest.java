package tdxcheck.app.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tdxcheck.core.engine.Search;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.engine.SearchResult;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Policy;
import tdxcheck.app.TestRuns;
import tdxcheck.core.catalog.Params;
import tdxcheck.tdx.TdxCatalog;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.core.property.Property;
import tdxcheck.core.property.PropertyKind;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

/**
 * Engine equivalence pins: the distinct states and transitions of an exhaustive safety search
 * ({@code --all}) with and without symmetry, and every verdict of a default check (liveness on
 * the symmetry quotient; the number of violated liveness operations is compared too), for
 * fault-storm 2..4 vCPUs x 2..3 GPAs and the default runs ({@code baseline-counts.tsv},
 * {@code baseline-big.tsv} next to this test; first generated with the engine before the speed
 * work, commit b286f19). Verdicts and symmetric state counts of rows the committed
 * baseline/verdicts.json also pins must agree with it ({@link #theRowsTheBaselinePinsAgreeWithIt}),
 * so the baseline stays the one truth. After a deliberate model change, regenerate both files
 * with {@code mvn -B -pl app -am test -Dtest=PinnedBaselineTest -Dtdxcheck.regenerate=true
 * -Dsurefire.failIfNoSpecifiedTests=false -Pbench}.
 */
class PinnedBaselineTest {

    record Row(String scenario, int vcpus, int gpas, boolean pending, String fault, String zap, long statesSym,
               long transitionsSym, long statesNoSym, long transitionsNoSym, String verdicts) {
        @Override
        public String toString() {
            return scenario + " " + vcpus + "x" + gpas + (pending ? " pending" : "") + " " + fault + "+" + zap;
        }
    }

    static List<Row> load(String resource) {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = PinnedBaselineTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                rows.add(new Row(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Boolean.parseBoolean(f[3]), f[4],
                        f[5], Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]),
                        f[10]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Rows that explore at most this many states without symmetry run in the default build. */
    private static final long SMALL = 1_000_000;

    static Stream<Arguments> defaults() {
        return load("baseline-counts.tsv").stream().filter(r -> r.statesNoSym() <= SMALL).map(Arguments::of);
    }

    static Stream<Arguments> big() {
        List<Row> rows = new ArrayList<>(load("baseline-counts.tsv").stream().filter(r -> r.statesNoSym() > SMALL)
                .toList());
        rows.addAll(load("baseline-big.tsv"));
        return rows.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    void sameCountsAndVerdictsAsBefore(Row row) {
        check(row, 1);
    }

    @Tag("heavy")
    @ParameterizedTest(name = "{0}")
    @MethodSource("big")
    void sameCountsAndVerdictsAsBeforeOnBigRuns(Row row) {
        check(row, 2);
    }

    /** The row's scenario at its own defaults (guest included) with the row's vCPUs, GPAs and pending events. */
    private static Params params(Row row) {
        return TestRuns.TDX.scenario(row.scenario()).defaults().with("vcpus", row.vcpus()).with("gpas", row.gpas())
                .with("pending-events", row.pending());
    }

    /** Every TSV row that the baseline also pins has the baseline's verdicts and state count. */
    @org.junit.jupiter.api.Test
    void theRowsTheBaselinePinsAgreeWithIt() {
        tdxcheck.app.regress.Baseline b = tdxcheck.app.regress.Baseline.read(tdxcheck.app.TestCli.baseline());
        int matched = 0;
        for (Row row : load("baseline-counts.tsv")) {
            for (tdxcheck.app.regress.BaselineRun r : b.runs()) {
                java.util.Map<String, Object> params = r.params();
                if (r.scenario().equals(row.scenario()) && params.equals(params(row).toJson())
                        && params.get("gpas").equals(row.gpas()) && params.get("pendingEvents").equals(row.pending())
                        && row.fault().equals(r.policy().get("faultRetry")) && row.zap().equals(r.policy().get("zapRetry"))
                        && "classified".equals(r.policy().get("exitDecode"))) { // the rows run the default decode
                    matched++;
                    assertEquals(r.distinctStates(), row.statesSym(), row + ": states, TSV vs baseline");
                    for (String kv : row.verdicts().split(",")) {
                        String[] f = kv.split("[=/]");
                        assertEquals(r.verdicts().get(f[0]).verdict().name(), f[1], row + ": " + f[0]);
                    }
                }
            }
        }
        assertTrue(matched >= 60, "TSV rows pinned by the baseline too: " + matched);
    }

    /** Rewrites both TSV files from the current engine; runs only with -Dtdxcheck.regenerate=true. */
    @org.junit.jupiter.api.Test
    void regenerate() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("tdxcheck.regenerate"),
                "regenerates the TSV files only with -Dtdxcheck.regenerate=true");
        java.nio.file.Path dir = tdxcheck.app.TestCli.repoRoot().resolve("app/src/test/resources/tdxcheck/app/check");
        for (String name : List.of("baseline-counts.tsv", "baseline-big.tsv")) {
            java.nio.file.Path f = dir.resolve(name);
            StringBuilder out = new StringBuilder();
            for (String line : java.nio.file.Files.readAllLines(f)) {
                if (line.isBlank() || line.startsWith("#")) {
                    out.append(line).append('\n');
                }
            }
            for (Row row : load(name)) {
                out.append(measure(row, 2)).append('\n');
            }
            java.nio.file.Files.writeString(f, out.toString());
        }
    }

    /** The TSV line the current engine gives for {@code row}'s configuration. */
    private static String measure(Row row, int threads) {
        Params p = params(row);
        CheckTarget t = TdxCatalog.build(row.scenario(), p, Policies.fault(row.fault()), Policies.zap(row.zap()));
        List<Property> safety = t.properties().stream().filter(pr -> pr.kind() != PropertyKind.LIVENESS).toList();
        StringBuilder sb = new StringBuilder(String.join("\t", row.scenario(), "" + row.vcpus(), "" + row.gpas(),
                "" + row.pending(), row.fault(), row.zap()));
        for (boolean sym : new boolean[] {true, false}) {
            SearchResult r = Search.run(t.model(), safety,
                    SearchConfig.builder().threads(threads).symmetry(sym).collectAll(true).build());
            sb.append('\t').append(r.stats().distinctStates()).append('\t').append(r.stats().generated());
        }
        return sb.append('\t').append(verdicts(row, p, t, threads)).toString();
    }

    private static String verdicts(Row row, Params p, CheckTarget t, int threads) {
        Run run = TestRuns.verify(row.scenario(), p, TestRuns.policy(null, row.fault(), row.zap()), t,
                SearchConfig.builder().threads(threads).build(), Fairness.WEAK);
        StringBuilder vs = new StringBuilder();
        for (PropertyResult pr : run.results()) {
            if (vs.length() > 0) {
                vs.append(',');
            }
            vs.append(pr.property()).append('=').append(pr.verdict());
            if (pr.property().equals("no-busy-livelock") && pr.verdict() == Verdict.VIOLATED) {
                vs.append('/').append(pr.violations());
            }
        }
        return vs.toString();
    }

    private static void check(Row row, int threads) {
        Params p = params(row);
        CheckTarget t = TdxCatalog.build(row.scenario(), p, Policies.fault(row.fault()), Policies.zap(row.zap()));
        List<Property> safety = new ArrayList<>();
        for (Property pr : t.properties()) {
            if (pr.kind() != PropertyKind.LIVENESS) {
                safety.add(pr);
            }
        }
        for (boolean sym : new boolean[] {true, false}) {
            SearchResult r = Search.run(t.model(), safety,
                    SearchConfig.builder().threads(threads).symmetry(sym).collectAll(true).build());
            assertTrue(r.exhausted());
            assertEquals(sym ? row.statesSym() : row.statesNoSym(), r.stats().distinctStates(),
                    row + (sym ? " with" : " without") + " symmetry: distinct states");
            assertEquals(sym ? row.transitionsSym() : row.transitionsNoSym(), r.stats().generated(),
                    row + (sym ? " with" : " without") + " symmetry: transitions");
        }
        String vs = verdicts(row, p, t, threads);
        assertEquals(row.verdicts(), vs, row + ": verdicts");
    }
}
