package tdxcheck.app.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tdxcheck.app.TestCli;
import tdxcheck.app.TestCli.Outcome;
import tdxcheck.app.cli.Families;
import tdxcheck.core.catalog.Catalog;

/**
 * The other families' committed baselines (baseline/FAMILY.json, written by
 * {@code ./tdxcheck --family FAMILY regress --update}) pin every baseline variant x policy of
 * their family, and every pinned run still has its verdicts and its state count: the same
 * {@code regress} that checks the TDX baseline, with {@code --strict-states}.
 */
class FamilyBaselinesTest {
    @ParameterizedTest
    @ValueSource(strings = {"tdx-enable", "td-build", "dpamt"})
    void everyPinnedRunStillHasItsVerdictsAndStates(String family) {
        Path file = TestCli.repoRoot().resolve("baseline/" + family + ".json");
        Catalog catalog = Families.find(family);
        assertEquals(Regression.standardMatrix(catalog).size(), Baseline.read(file).runs().size(),
                "every baseline variant x policy of " + family + " is pinned");
        Outcome o = TestCli.runMain("--family", family, "regress", "--baseline", file.toString(),
                "--strict-states");
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().endsWith("regress: ok, every verdict matches " + file + "\n"), o.out());
    }
}
