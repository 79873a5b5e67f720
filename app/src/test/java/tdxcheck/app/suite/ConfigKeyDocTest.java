package tdxcheck.app.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tdxcheck.app.TestCli;
import tdxcheck.tdx.TdxCatalog;

/** The key catalogue is the single source: docs/suites.md shows exactly its table; names are unique. */
class ConfigKeyDocTest {
    static String table() {
        StringBuilder sb = new StringBuilder("| key | type | default | meaning | command line |\n|---|---|---|---|---|\n");
        for (ConfigKey k : ConfigKey.all(new TdxCatalog())) {
            sb.append("| `").append(k.name()).append("` | ").append(k.expected()).append(" | ")
                    .append(k.defaultText()).append(" | ").append(k.doc()).append(" | ")
                    .append(k.option() == null ? "`--set " + k.name() + "=...`" : "`" + k.option() + "`").append(" |\n");
        }
        return sb.toString();
    }

    @Test
    void theDocsShowTheCatalogue() throws IOException {
        String doc = Files.readString(TestCli.repoRoot().resolve("docs/suites.md"));
        assertTrue(doc.contains(table()), "docs/suites.md should contain this table (copy it):\n" + table());
    }

    @Test
    void namesAreUniqueAndLookupFindsEachKey() {
        TdxCatalog c = new TdxCatalog();
        Set<String> seen = new HashSet<>();
        for (ConfigKey k : ConfigKey.all(c)) {
            assertTrue(seen.add(k.name()), k.name());
            if (!k.isFamily()) {
                assertEquals(k, ConfigKey.lookup(k.name(), c));
            }
        }
        assertEquals(ConfigKey.EXPECT, ConfigKey.lookup("expect.no-busy-livelock", c));
        assertNull(ConfigKey.lookup("expect.nothing", c));
        assertNull(ConfigKey.lookup("vcpu", c));
        List<String> names = ConfigKey.names(c);
        assertTrue(names.contains("expect.lock-safety"), names.toString());
        assertNotNull(Suggest.nearest("pending_events", names));
        assertEquals("pending-events", Suggest.nearest("pending_events", names));
        assertEquals("max-states", Suggest.nearest("max-state", names));
        assertNull(Suggest.nearest("zzzzzz", names));
    }
}
