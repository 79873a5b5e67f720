package tdxcheck.tdxenable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
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
        assertTrue(ids.contains(TdxEnableCatalog.FAMILY), ids.toString());
        assertEquals(List.of("v19", "kai-proposal", "v6.16", "subsys-init"),
                Checks.CATALOG.presets().stream().map(p -> p.id()).toList());
    }

    /**
     * {@code git diff --name-only main...HEAD -- core app/src/main reports}: only the generic
     * suite-file {@code family} key (ConfigLayer) may differ. Skipped outside a git checkout with
     * a {@code main} branch (e.g. a source tarball), and on a branch that does not change the
     * family (the check is about the family's own branch: another branch may change app, e.g.
     * the JPF mode's).
     */
    @Test
    void noMainSourceOfCoreAppOrReportsChangedButTheFamilySuiteKey() throws IOException, InterruptedException {
        // the claim is about the branch that added the family (tdxenable); on main it is trivially
        // true, and another branch that edits core, app or reports for its own task is not this family
        assumeTrue("tdxenable".equals(git("rev-parse", "--abbrev-ref", "HEAD")), "only on the tdxenable branch");
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
        Process fam = new ProcessBuilder("git", "diff", "--name-only", "main...HEAD", "--", "tdx-enable/src/main")
                .directory(BaselineTest.repoRoot().toFile()).redirectErrorStream(true).start();
        String famOut = new String(fam.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(fam.waitFor() == 0 && !famOut.isBlank(), "this branch does not change the family");
        Set<String> allowed = Set.of("app/src/main/java/tdxcheck/app/suite/ConfigLayer.java");
        for (String f : out.strip().lines().toList()) {
            assertTrue(allowed.contains(f), "edited outside the family: " + f);
        }
    }

    private static String git(String... args) throws InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(BaselineTest.repoRoot().toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        }
    }
}
