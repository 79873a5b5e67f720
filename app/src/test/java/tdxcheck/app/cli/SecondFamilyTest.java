package tdxcheck.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tdxcheck.app.TestCli;
import tdxcheck.app.TestCli.Outcome;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;

/**
 * A second model family is one module implementing Catalog, with no edit to core, app or reports:
 * the fixture family (dining philosophers, Peterson, counters) lives only in core's test-jar with
 * a ServiceLoader entry, and the CLI serves it through {@code --family fixtures}, its parameters
 * as options, its runs in the same JSON.
 */
class SecondFamilyTest {
    @Test
    void theFixtureFamilyIsSelectableFromTheCommandLine(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path json = tmp.resolve("r.json");
        Outcome o = TestCli.runMain("--family", "fixtures", "verify", "--scenario", "philosophers", "--processes", "4",
                "--threads", "1", "--json", json.toString());
        assertEquals(1, o.code(), o.err());
        assertTrue(o.out().contains("philosophers"), o.out());
        assertTrue(o.out().contains("VIOLATED      philosophers [none] no-deadlock: DEADLOCK"), o.out());
        Result r = ResultJson.read(json);
        assertEquals(1, r.runs().size());
        assertEquals(4, r.runs().get(0).params().get("processes"), "the family's own parameter, by its JSON key");
        assertEquals(List.of("processes", "limit"), new ArrayList<>(r.runs().get(0).params().keySet()));
        assertEquals("none", r.runs().get(0).policy().label());

        Outcome ordered = TestCli.runMain("verify", "--family=fixtures", "--scenario", "philosophers-ordered",
                "--processes", "4", "--threads", "1");
        assertEquals(0, ordered.code(), ordered.err());
    }

    @Test
    void theDefaultFamilyIsTdxAndUnknownFamiliesAreOneLine() {
        Outcome list = TestCli.runMain("list");
        assertEquals(0, list.code());
        assertTrue(list.out().contains("fault retry policy (--fault-retry):"), list.out());
        String err = TestCli.runMain("--family", "nope", "list").assertOneLineError();
        assertEquals("unknown family 'nope' (known: tdx, dpamt, fixtures, td-build, tdx-enable)", err);
        // a family's options are its own: the TDX parameters do not exist in the fixture family
        TestCli.runMain("--family", "fixtures", "verify", "--vcpus", "2").assertOneLineError();
    }

    /** The families live in no main source of core, app or reports: they never name one. */
    @Test
    void noMainSourceOfCoreAppOrReportsNamesTheFixtureFamily() throws IOException {
        Path root = TestCli.repoRoot();
        for (String module : List.of("core", "app", "reports")) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(f);
                    assertFalse(text.contains("fixtures") || text.contains("FixtureCatalog")
                            || text.contains("DiningPhilosophers"), f.toString());
                    // nor any other family's package: a family plugs in by ServiceLoader only
                    for (String pkg : List.of("tdxcheck.tdxenable", "tdxcheck.tdbuild", "tdxcheck.dpamt")) {
                        assertFalse(text.contains(pkg), f + " names " + pkg);
                    }
                }
            }
        }
    }
}
