package tdxcheck.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files in src/test/resources/golden/, compared exactly. Run the tests with
 * {@code -Dgolden.update=true} to (re)write them from the current output, then review the diff.
 */
final class Golden {
    private Golden() {
    }

    static Path dir() {
        return Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/golden");
    }

    static void assertMatches(String name, String actual) throws IOException {
        Path file = dir().resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(file), "missing golden " + file + "; run with -Dgolden.update=true to create it");
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(expected, actual, "output differs from golden " + name
                + " (if the change is intended, rerun with -Dgolden.update=true and review the diff)");
    }
}
