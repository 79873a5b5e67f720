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
import tdxcheck.core.catalog.PolicySpec;
import tdxcheck.core.catalog.ScenarioParams;
import tdxcheck.tdx.TdxCatalog;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.core.property.Property;
import tdxcheck.core.property.PropertyKind;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

/**
 * The optimised engine and model reproduce the figures of the engine and model as they were
 * before the speed work (commit b286f19, files {@code baseline-counts.tsv} and
 * {@code baseline-big.tsv} next to this test, generated with that build): the distinct states and
 * transitions of an exhaustive safety search ({@code --all}) with and without symmetry, and every
 * verdict of a default check, where liveness then ran on the concrete graph and now runs on the
 * symmetry quotient (the number of violated liveness operations is compared too).
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

    private static void check(Row row, int threads) {
        ScenarioParams p = new ScenarioParams(row.vcpus(), row.gpas(), 6, row.pending());
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
        Run run = Verifier.verify(row.scenario(), p, new PolicySpec(null, row.fault(), row.zap()), t,
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
        assertEquals(row.verdicts(), vs.toString(), row + ": verdicts");
    }
}
