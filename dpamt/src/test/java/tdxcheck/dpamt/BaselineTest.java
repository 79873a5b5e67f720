package tdxcheck.dpamt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.check.PropertyVerdict;
import tdxcheck.dpamt.policy.Policies;

/**
 * baseline/dpamt.json (written by {@code ./tdxcheck --family dpamt regress --update}) pins
 * every baseline variant x policy; this re-runs each pinned run and compares verdicts
 * and states.
 */
class BaselineTest {
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("baseline"))) {
            p = p.getParent();
        }
        return p;
    }

    @Test
    void everyPinnedRunStillHasItsVerdictsAndStates() throws IOException {
        JsonNode b = new ObjectMapper().readTree(repoRoot().resolve("baseline/dpamt.json").toFile());
        assertEquals("tdxcheck-baseline/1", b.get("schema").asText());
        int runs = 0;
        for (JsonNode r : b.get("runs")) {
            String scenario = r.get("scenario").asText();
            String guard = r.get("policy").get("pamtLock").asText();
            Map<String, Object> json = new LinkedHashMap<>();
            r.get("params").fields().forEachRemaining(e -> json.put(e.getKey(), e.getValue().isInt()
                    ? (Object) e.getValue().intValue()
                    : e.getValue().isBoolean() ? (Object) e.getValue().booleanValue() : e.getValue().asText()));
            Params p = Params.fromJson(Checks.CATALOG.scenario(scenario).defaults(), json);
            CheckResult res = Checks.run(p, Policies.byId(guard));
            String where = scenario + " [" + guard + "] " + p;
            assertEquals(r.get("distinctStates").asLong(), res.stats().distinctStates(), where);
            Map<String, String> want = new TreeMap<>();
            r.get("verdicts").fields().forEachRemaining(e -> want.put(e.getKey(), e.getValue().get("verdict").asText()));
            Map<String, String> got = new TreeMap<>();
            for (PropertyVerdict v : res.verdicts()) {
                got.put(v.property().id(), v.verdict().name());
            }
            assertEquals(want, got, where);
            runs++;
        }
        assertEquals(8 * Policies.all().size(), runs,
                "every baseline variant (3 scenarios: 2 + 3 + 3) x policy is pinned");
    }
}
