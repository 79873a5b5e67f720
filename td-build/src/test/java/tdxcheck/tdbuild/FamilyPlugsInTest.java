package tdxcheck.tdbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import tdxcheck.core.catalog.Catalog;

/** The family is a ServiceLoader plug-in and needed no edit to core, app or reports main sources. */
class FamilyPlugsInTest {
    @Test
    void serviceLoaderFindsTheFamily() {
        List<String> ids = new ArrayList<>();
        for (Catalog c : ServiceLoader.load(Catalog.class)) {
            ids.add(c.family());
        }
        assertTrue(ids.contains(TdBuildCatalog.FAMILY), ids.toString());
        assertEquals(List.of("v6.16", "all-locks", "slots-lock", "kvm-lock", "vcpu-mutexes"),
                Checks.CATALOG.presets().stream().map(p -> p.id()).toList());
    }

    /** {@code git diff --name-only main...HEAD -- core app/src/main reports} is empty. Skipped without git/main. */
    @Test
    void noMainSourceOfCoreAppOrReportsChanged() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("git", "diff", "--name-only", "main...HEAD", "--", "core", "app/src/main", "reports")
                    .directory(BaselineTest.repoRoot().toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no git: " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor() == 0, "no main branch here: " + out);
        // the check is about the family's own branch: another branch may change core (e.g. fairness hw)
        Process fam = new ProcessBuilder("git", "diff", "--name-only", "main...HEAD", "--", "td-build/src/main")
                .directory(BaselineTest.repoRoot().toFile()).redirectErrorStream(true).start();
        String famOut = new String(fam.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(fam.waitFor() == 0 && !famOut.isBlank(), "this branch does not change the family");
        assertEquals("", out.strip());
    }
}
