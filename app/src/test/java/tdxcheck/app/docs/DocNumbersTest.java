package tdxcheck.app.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.app.TestCli;
import tdxcheck.tdx.TdxCatalog;

/**
 * Every number the README and docs/suites.md quote from the tool is what the tool prints now: the
 * README's verdict matrix and violation lines, its exit-0 variant, the baseline's size, the
 * regress example (made by the edit it describes). A model change that moves one fails here
 * with the line to update. Also: no document links to ../shared.
 */
class DocNumbersTest {
    private static final Path ROOT = TestCli.repoRoot();

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }

    /** The fenced block that starts with {@code firstLine}, without the fences. */
    private static List<String> block(String doc, String firstLine) {
        int at = doc.indexOf("```\n" + firstLine + "\n");
        assertTrue(at >= 0, "no block starting with " + firstLine);
        int start = at + 4 + firstLine.length() + 1;
        return doc.substring(start, doc.indexOf("```", start)).lines().toList();
    }

    @Test
    void theReadmeMatrixIsWhatVerifyPrints() throws IOException {
        List<String> quoted = block(read("README.md"), "$ ./tdxcheck verify");
        TestCli.Outcome o = TestCli.runMain("verify");
        assertEquals(1, o.code(), o.err());
        List<String> printed = o.out().lines().toList();
        assertEquals(printed.size(), quoted.size(), "README's verify block:\n" + String.join("\n", quoted)
                + "\nprinted:\n" + o.out());
        for (int i = 0; i < printed.size(); i++) {
            assertEquals(withoutSeconds(printed.get(i)), withoutSeconds(quoted.get(i)), "README.md verify block line " + (i + 1));
        }
    }

    /** A matrix row without its timing column (the only number that may differ). */
    private static String withoutSeconds(String line) {
        return line.replaceAll("\\s+\\d+\\.\\d\\d$", "").replaceAll("\\s+seconds$", "");
    }

    @Test
    void theReadmeExitZeroVariantExitsZero() throws IOException {
        Matcher m = Pattern.compile("\\./tdxcheck verify --scenario ([\\w,-]+); echo \\$\\?\\s+# prints the matrix, then 0")
                .matcher(read("README.md"));
        assertTrue(m.find(), "README names a variant of the first command that exits 0");
        assertEquals(0, TestCli.runMain("verify", "--scenario", m.group(1), "-q").code());
    }

    @Test
    void theBaselineSizeQuotedIsTheBaselines() throws Exception {
        JsonNode b = new ObjectMapper().readTree(TestCli.baseline().toFile());
        int runs = b.get("runs").size();
        int entries = 0;
        for (JsonNode r : b.get("runs")) {
            entries += r.get("verdicts").size();
        }
        int properties = entries / runs;
        String readme = read("README.md");
        assertTrue(readme.contains("# " + entries + " pinned verdicts, " + runs + " runs"), "README: " + entries + "/" + runs);
        String suites = read("docs/suites.md");
        TdxCatalog c = new TdxCatalog();
        List<String> sizes = new ArrayList<>();
        int policies = 1;
        for (tdxcheck.core.catalog.AxisSpec a : c.axes()) {
            sizes.add(Integer.toString(a.values().size()));
            policies *= a.values().size();
        }
        // the huge-page zap policies are pinned only in the huge-page scenarios (TdxCatalog.baselineAxisValues)
        int variants4k = 0;
        int variantsHp = 0;
        int policies4k = 0;
        for (tdxcheck.core.catalog.Scenario s : c.scenarios()) {
            int n = c.baselineVariants(s).size();
            int p = 1;
            for (tdxcheck.core.catalog.AxisSpec a : c.axes()) {
                p *= c.baselineAxisValues(s.id(), a).size();
            }
            if (p == policies) {
                variantsHp += n;
            } else {
                variants4k += n;
                policies4k = p;
            }
        }
        assertEquals(runs, variants4k * policies4k + variantsHp * policies);
        String line = "That is " + variants4k + " parameter variants x " + policies4k + " policies + " + variantsHp
                + " huge-page variants x " + policies + " policies = " + runs + " runs x " + properties
                + " properties = " + entries + " entries";
        assertTrue(suites.replaceAll("\\s+", " ").contains(line), "docs/suites.md: " + line);
        String product = "(" + String.join(" x ", sizes) + " = " + policies + " policies";
        assertTrue(suites.replaceAll("\\s+", " ").contains(product), "docs/suites.md: " + product);
        long fsr = 0;
        for (JsonNode r : b.get("runs")) {
            if (r.get("scenario").asText().equals("frozen-spte-race") && "upstream".equals(r.get("policy").path("preset").asText())
                    && !r.get("params").get("pendingEvents").asBoolean() && r.get("params").get("guest").asText().equals("ve")) {
                fsr = r.get("distinctStates").asLong();
            }
        }
        assertTrue(suites.contains("| HOLDS | `exhaustive, " + fsr + " states` |"), "docs/suites.md HOLDS example: " + fsr);
        assertTrue(suites.contains("(`frozen-spte-race` under `upstream`: " + fsr + " states)"), "docs/suites.md: " + fsr);
    }

    @Test
    void theRegressExampleIsWhatRegressPrintsForTheEditItDescribes(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode b = (ObjectNode) json.readTree(TestCli.baseline().toFile());
        for (JsonNode r : b.get("runs")) {
            boolean plain = !r.get("params").get("pendingEvents").asBoolean();
            String preset = r.get("policy").path("preset").asText();
            if (r.get("scenario").asText().equals("frozen-spte-race") && preset.equals("upstream") && plain
                    && r.get("params").equals(defaults("frozen-spte-race"))) {
                ObjectNode v = (ObjectNode) r.get("verdicts").get("no-zero-step");
                v.put("verdict", "VIOLATED");
                v.put("reason", "SAFETY, 37 steps: guest1 access gpa0 -> EXIT_REASON_EPT_VIOLATION");
            }
            if (r.get("scenario").asText().equals("fault-storm") && preset.equals("mmu-part2") && plain
                    && r.get("params").equals(defaults("fault-storm"))) {
                ((ObjectNode) r).set("distinctStates", IntNode.valueOf(r.get("distinctStates").asInt() + 396));
            }
        }
        // regress re-runs only the two edited runs (the whole baseline takes too long for every
        // build); the summary line is the one the whole edited baseline gives: all others unchanged
        int runs = b.get("runs").size();
        int entries = 0;
        com.fasterxml.jackson.databind.node.ArrayNode edited2 = json.createArrayNode();
        for (JsonNode r : b.get("runs")) {
            entries += r.get("verdicts").size();
            if (isEdited(r)) {
                edited2.add(r);
            }
        }
        assertEquals(2, edited2.size(), "the two edited runs");
        b.set("runs", edited2);
        Path edited = dir.resolve("edited.json");
        json.writerWithDefaultPrettyPrinter().writeValue(edited.toFile(), b);
        TestCli.Outcome o = TestCli.runMain("regress", "--baseline", edited.toString());
        assertEquals(1, o.code(), o.err());
        List<String> printed = new ArrayList<>();
        for (String l : o.out().lines().map(DocNumbersTest::timeless).toList()) {
            printed.add(l.startsWith("regress: ") && !l.startsWith("regress: FAILED")
                    ? "regress: " + entries + " entries in " + runs + " runs (T): " + (entries - 1) + " unchanged, 1 verdict"
                    + " changed, 0 new, 0 missing, 0 trace changed; runs with other state counts: 1" : l);
        }
        List<String> quoted = new ArrayList<>();
        for (String l : block(read("docs/suites.md"), "$ ./tdxcheck regress --baseline /tmp/edited.json")) {
            quoted.add(timeless(l.replace("/tmp/edited.json", edited.toString())));
        }
        assertEquals(String.join("\n", printed), String.join("\n", quoted), "docs/suites.md regress example");
    }

    private static boolean isEdited(JsonNode r) {
        boolean plain = !r.get("params").get("pendingEvents").asBoolean();
        String preset = r.get("policy").path("preset").asText();
        return plain && (r.get("scenario").asText().equals("frozen-spte-race") && preset.equals("upstream")
                && r.get("params").equals(defaults("frozen-spte-race"))
                || r.get("scenario").asText().equals("fault-storm") && preset.equals("mmu-part2")
                && r.get("params").equals(defaults("fault-storm")));
    }

    /** The scenario's default params as the baseline writes them. */
    private static JsonNode defaults(String scenario) {
        return new ObjectMapper().valueToTree(new java.util.TreeMap<>(new TdxCatalog().scenario(scenario).defaults().toJson()));
    }

    private static String timeless(String l) {
        return l.replaceAll("\\(\\d+\\.\\d s, \\d+ jobs?\\)", "(T)");
    }

    @Test
    void noDocumentLinksToShared() throws IOException {
        List<String> bad = new ArrayList<>();
        try (Stream<Path> s = Files.walk(ROOT)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String rel = ROOT.relativize(f).toString();
                if (rel.startsWith(".git") || rel.contains("/target/") || rel.startsWith("target/")
                        || !(rel.endsWith(".md") || rel.endsWith(".java") || rel.endsWith(".tdx") || rel.endsWith(".html")
                        || rel.endsWith(".json") || rel.endsWith(".xml"))) {
                    continue;
                }
                String text = Files.readString(f);
                // a link: Markdown "](../shared/...)" or an HTML href; naming where CI finds a
                // tool (.ci/run's jpf-core) is not sending a reader there
                if (text.contains("](../shared") || text.contains("](shared/") || text.contains("href=\"../shared")) {
                    bad.add(rel);
                }
            }
        }
        bad.remove("app/src/test/java/tdxcheck/app/docs/DocNumbersTest.java");
        assertEquals(List.of(), bad, "documents that link to ../shared (state the fact with its public source)");
    }
}
