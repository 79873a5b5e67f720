package tdxcheck.app.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tdxcheck.app.TestCli;
import tdxcheck.app.TestRuns;
import tdxcheck.app.regress.Baseline;
import tdxcheck.app.regress.BaselineRun;
import tdxcheck.reports.result.Verdict;

/**
 * docs/verdicts.md's preset table is checked against baseline/verdicts.json, the one pinned
 * truth: every preset run at default parameters appears once with the baseline's verdicts and
 * state count (the doc's bold and its footnote marks are ignored). On a mismatch the message is
 * the table the baseline gives, ready to paste.
 */
class VerdictDocTest {
    private static final List<String> COLUMNS = List.of("no-zero-step", "no-busy-livelock", "no-deadlock",
            "no-kvm-bug", "no-guest-busy", "no-vm-dead", "lock-safety", "no-misdecoded-exit");

    /** The rows the baseline gives, as "scenario | preset | H | V | ... | states". */
    static List<String> fromBaseline() {
        List<String> rows = new ArrayList<>();
        for (BaselineRun r : Baseline.read(TestCli.baseline()).runs()) {
            if (r.preset() == null
                    || !TestRuns.TDX.scenario(r.scenario()).defaults().toJson().equals(r.params())) {
                continue; // only the presets at the scenario's default parameters
            }
            StringBuilder sb = new StringBuilder(r.scenario()).append(" | ").append(r.preset());
            for (String c : COLUMNS) {
                BaselineRun.Entry e = r.verdicts().get(c);
                sb.append(" | ").append(e == null ? "-" : e.verdict() == Verdict.HOLDS ? "H" : "V");
            }
            rows.add(sb.append(" | ").append(r.distinctStates()).toString());
        }
        return rows;
    }

    /** The preset table of the doc, normalised: "**V** (1)" reads "V". */
    static List<String> fromDoc() throws IOException {
        List<String> rows = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(TestCli.repoRoot().resolve("docs/verdicts.md"))) {
            if (line.startsWith("## ")) {
                in = line.equals("## Presets");
                continue;
            }
            if (!in || !line.startsWith("| ") || line.startsWith("| scenario") || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|");
            List<String> out = new ArrayList<>();
            for (String c : cells) {
                out.add(c.replace("**", "").replaceAll("\\(\\d+\\)", "").strip());
            }
            rows.add(String.join(" | ", out));
        }
        return rows;
    }

    @Test
    void thePresetTableOfTheDocsIsTheBaselines() throws IOException {
        List<String> want = fromBaseline();
        // hp-v3 only where there is a DEMOTE (TdxCatalog.baselineAxisValues)
        assertEquals(TestRuns.TDX.scenarios().stream().mapToInt(s -> TestRuns.TDX.presets().size()
                - (tdxcheck.model.tdx.TdxScenarios.hugePageScenario(s.id()) ? 0 : 1)).sum(), want.size(),
                "every scenario x every preset");
        List<String> doc = fromDoc();
        java.util.Collections.sort(doc);
        List<String> sorted = new ArrayList<>(want);
        java.util.Collections.sort(sorted);
        assertEquals(sorted, doc, "docs/verdicts.md ## Presets should read (verdicts and states):\n"
                + String.join("\n", want));
    }

    @Test
    void theSuitesExpectWhatTheBaselinePins() throws IOException {
        Baseline b = Baseline.read(TestCli.baseline());
        int checked = 0;
        try (var files = Files.list(TestCli.suites())) {
            for (var f : files.filter(p -> p.toString().endsWith(".tdx")).sorted().toList()) {
                Map<String, String> kv = new java.util.LinkedHashMap<>();
                for (String line : Files.readAllLines(f)) {
                    int eq = line.indexOf('=');
                    if (!line.startsWith("#") && eq > 0) {
                        kv.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                    }
                }
                for (BaselineRun r : b.runs()) {
                    if (!r.scenario().equals(kv.get("scenario")) || !matchesPolicy(r, kv)
                            || !String.valueOf(r.params().get("pendingEvents"))
                            .equals(kv.getOrDefault("pending-events", "false"))
                            || !String.valueOf(r.params().get("guest")).equals(kv.getOrDefault("guest",
                            TestRuns.TDX.scenario(r.scenario()).defaults().choice("guest")))
                            || !String.valueOf(r.params().get("zapKind")).equals(kv.getOrDefault("zap-kind",
                            TestRuns.TDX.scenario(r.scenario()).defaults().choice("zap-kind")))
                            || !String.valueOf(r.params().get("zaps")).equals(kv.getOrDefault("zaps", "1"))
                            || !String.valueOf(r.params().get("presentSpte")).equals(kv.getOrDefault("present-spte",
                            "spurious"))
                            || !String.valueOf(r.params().get("vpEnterErrors")).equals(kv.getOrDefault(
                            "vp-enter-errors", "none"))
                            || !String.valueOf(r.params().get("errorR9Nmi")).equals(kv.getOrDefault("error-r9-nmi",
                            "true"))
                            || !hugePageParamsMatch(r, kv)
                            || kv.keySet().stream().anyMatch(k -> List.of("vcpus", "gpas", "threshold").contains(k))) {
                        continue;
                    }
                    for (Map.Entry<String, String> e : kv.entrySet()) {
                        if (e.getKey().startsWith("expect.")) {
                            String p = e.getKey().substring("expect.".length());
                            // The baseline pins liveness under its main fairness and, as
                            // "no-busy-livelock@hw", under the others; a suite decides it under
                            // its fairness key (default hw).
                            String fair = kv.getOrDefault("fairness",
                                    tdxcheck.app.suite.ConfigKey.FAIRNESS.defaultText()).split(",")[0].strip();
                            if (p.equals("no-busy-livelock") && !fair.equals(b.fairness().id())) {
                                p = p + BaselineRun.FAIRNESS_SEPARATOR + fair;
                                assertTrue(r.verdicts().containsKey(p), f + ": the baseline pins no " + p);
                            }
                            assertEquals(r.verdicts().get(p).verdict().name(), e.getValue(), f + ": " + e.getKey());
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(checked >= 50, "most suite expectations are baseline runs: " + checked);
    }

    /** The huge-page parameters (only the huge-page scenarios' runs carry them) are the suite's or the defaults. */
    private static boolean hugePageParamsMatch(BaselineRun r, Map<String, String> kv) {
        Map<String, Object> d = TestRuns.TDX.scenario(r.scenario()).defaults().toJson();
        for (var p : List.of(tdxcheck.tdx.TdxCatalog.MAPPING, tdxcheck.tdx.TdxCatalog.ACCEPT_LEVEL,
                tdxcheck.tdx.TdxCatalog.ACCEPT_4K_LOCKS_2M, tdxcheck.tdx.TdxCatalog.EDI)) {
            if (!String.valueOf(r.params().get(p.jsonKey())).equals(kv.getOrDefault(p.name(),
                    String.valueOf(d.get(p.jsonKey()))))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesPolicy(BaselineRun r, Map<String, String> kv) {
        if (!kv.getOrDefault("exit-decode", "classified").equals(r.policy().get("exitDecode"))) {
            return false;
        }
        if (kv.containsKey("policy")) {
            return kv.get("policy").equals(r.preset());
        }
        return kv.get("fault-retry") != null && kv.get("fault-retry").equals(r.policy().get("faultRetry"))
                && kv.get("zap-retry") != null && kv.get("zap-retry").equals(r.policy().get("zapRetry"));
    }
}
