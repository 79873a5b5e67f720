package tdxcheck.harness.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

/**
 * Not a test: prints the rows of {@link VerdictTableTest} from the current model, for re-pinning
 * after a deliberate model change (TDXCHECK_PRINT_TABLE=1 mvn -pl harness -am test
 * -Dtest=VerdictTablePrinter -Dsurefire.failIfNoSpecifiedTests=false). The rows are then
 * reviewed against docs/verdicts.md before they are pasted.
 */
@EnabledIfEnvironmentVariable(named = "TDXCHECK_PRINT_TABLE", matches = "1")
class VerdictTablePrinter {
    private static final TdxCatalog CATALOG = new TdxCatalog();

    @Test
    void print() {
        StringBuilder sb = new StringBuilder("TABLE\n");
        for (String s : CATALOG.defaultScenarioIds()) {
            for (Described f : CATALOG.faultRetries()) {
                for (Described z : CATALOG.zapRetries()) {
                    sb.append(row(s, f.id(), z.id(), CATALOG.resolvePolicy(null, f.id(), z.id()), false));
                }
            }
        }
        sb.append("PENDING_EVENTS\n");
        for (String s : java.util.List.of("frozen-spte-race", "zap-vs-zero-step", "fault-storm")) {
            for (Described p : CATALOG.presets()) {
                sb.append(row(s, p.id(), "-", CATALOG.resolvePolicy(p.id(), null, null), true));
            }
        }
        System.out.println(sb);
    }

    private static String row(String scenario, String a, String b, PolicySpec policy, boolean pending) {
        Run r = VerdictTableTest.run(scenario, policy, pending);
        StringBuilder v = new StringBuilder();
        for (String prop : VerdictTableTest.PROPS) {
            Verdict x = r.result(prop).verdict();
            v.append(x == Verdict.HOLDS ? 'H' : x == Verdict.VIOLATED ? 'V' : 'I');
        }
        return String.format("        \"%-17s %-22s %-21s %-8s %6d\",%n", scenario, a, b, v, r.stats().distinctStates());
    }
}
