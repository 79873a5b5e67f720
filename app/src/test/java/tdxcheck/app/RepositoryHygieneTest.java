package tdxcheck.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No merge leftovers in the repository's sources, docs, suites and baselines. */
class RepositoryHygieneTest {
    private static final List<String> TEXT = List.of(".java", ".md", ".json", ".tdx", ".xml", ".yml", ".tsv");

    @Test
    void noFileHoldsAConflictMarker() throws IOException {
        Path root = TestCli.repoRoot();
        List<String> bad = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString();
                if (rel.contains("/target/") || rel.startsWith(".git") || TEXT.stream().noneMatch(rel::endsWith)) {
                    continue;
                }
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("<<<<<<< ") || line.startsWith(">>>>>>> ")) {
                        bad.add(rel);
                        break;
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }
}
