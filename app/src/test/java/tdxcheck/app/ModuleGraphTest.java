package tdxcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: core &lt;- families (tdx, tdx-enable, td-build, dpamt) &lt;- app -&gt; reports; junit
 * -&gt; app. Each
 * module's main sources may import only the packages of the modules below it (and its own), so a
 * stray import fails here before it becomes a cycle.
 */
class ModuleGraphTest {
    /** Module -> the package prefixes its main sources may import. */
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "reports", List.of("tdxcheck.reports."),
            "core", List.of("tdxcheck.core."),
            "tdx", List.of("tdxcheck.core.", "tdxcheck.model.tdx.", "tdxcheck.properties.tdx.", "tdxcheck.tdx."),
            "tdx-enable", List.of("tdxcheck.core.", "tdxcheck.tdxenable."),
            "td-build", List.of("tdxcheck.core.", "tdxcheck.tdbuild."),
            "dpamt", List.of("tdxcheck.core.", "tdxcheck.dpamt."),
            "app", List.of("tdxcheck.core.", "tdxcheck.reports.", "tdxcheck.app.", "tdxcheck.tdx.",
                    "tdxcheck.model.tdx."),
            "junit", List.of("tdxcheck.core.", "tdxcheck.reports.", "tdxcheck.app.", "tdxcheck.tdx.",
                    "tdxcheck.model.tdx.", "tdxcheck.junit."));

    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(tdxcheck\\.[\\w.]+);", Pattern.MULTILINE);

    @Test
    void everyImportRespectsTheModuleGraph() throws IOException {
        Path root = TestCli.repoRoot();
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, List<String>> m : ALLOWED.entrySet()) {
            try (Stream<Path> files = Files.walk(root.resolve(m.getKey()).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher im = IMPORT.matcher(Files.readString(f));
                    while (im.find()) {
                        String imp = im.group(1);
                        if (m.getValue().stream().noneMatch(imp::startsWith)) {
                            bad.add(m.getKey() + ": " + root.relativize(f) + " imports " + imp);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }
}
