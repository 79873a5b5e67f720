package tdxcheck.harness.check;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tdxcheck.harness.engine.Search;
import tdxcheck.harness.engine.SearchConfig;
import tdxcheck.harness.engine.SearchResult;
import tdxcheck.harness.liveness.Fairness;
import tdxcheck.harness.scenario.CheckTarget;
import tdxcheck.harness.scenario.PolicySpec;
import tdxcheck.harness.scenario.ScenarioParams;
import tdxcheck.harness.scenario.TdxCatalog;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.properties.Property;
import tdxcheck.properties.PropertyKind;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

/**
 * Not a test: re-pins the rows of {@code baseline-counts.tsv} (same keys) after a deliberate
 * model change, with the engine's default path (TDXCHECK_PRINT_PINNED=1). PinnedBaselineTest then
 * checks that symmetry on and off, and the liveness quotient, keep agreeing with these figures.
 */
@EnabledIfEnvironmentVariable(named = "TDXCHECK_PRINT_PINNED", matches = "1")
class PinnedBaselinePrinter {
    @Test
    void print() {
        StringBuilder sb = new StringBuilder("PINNED\n");
        for (PinnedBaselineTest.Row row : PinnedBaselineTest.load("baseline-counts.tsv")) {
            ScenarioParams p = new ScenarioParams(row.vcpus(), row.gpas(), 6, row.pending());
            CheckTarget t = TdxCatalog.build(row.scenario(), p, Policies.fault(row.fault()), Policies.zap(row.zap()));
            List<Property> safety = new ArrayList<>();
            for (Property pr : t.properties()) {
                if (pr.kind() != PropertyKind.LIVENESS) {
                    safety.add(pr);
                }
            }
            long[] f = new long[4];
            int i = 0;
            for (boolean sym : new boolean[] {true, false}) {
                SearchResult r = Search.run(t.model(), safety,
                        SearchConfig.builder().threads(1).symmetry(sym).collectAll(true).build());
                f[i++] = r.stats().distinctStates();
                f[i++] = r.stats().generated();
            }
            Run run = Verifier.verify(row.scenario(), p, new PolicySpec(null, row.fault(), row.zap()), t,
                    SearchConfig.builder().threads(1).build(), Fairness.WEAK);
            StringBuilder vs = new StringBuilder();
            for (PropertyResult pr : run.results()) {
                vs.append(vs.length() > 0 ? "," : "").append(pr.property()).append('=').append(pr.verdict());
                if (pr.property().equals("no-busy-livelock") && pr.verdict() == Verdict.VIOLATED) {
                    vs.append('/').append(pr.violations());
                }
            }
            sb.append(String.join("\t", row.scenario(), "" + row.vcpus(), "" + row.gpas(), "" + row.pending(),
                    row.fault(), row.zap(), "" + f[0], "" + f[1], "" + f[2], "" + f[3], vs)).append('\n');
        }
        System.out.print(sb);
    }
}
