package tdxcheck.app.regress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.app.suite.IoErrors;
import tdxcheck.reports.AtomicFiles;
import tdxcheck.reports.result.Verdict;

/**
 * The committed verdict baseline ({@code baseline/verdicts.json}): every run's state count and
 * every property's verdict with its reason. Format ({@code "schema": "tdxcheck-baseline/1"}):
 * <pre>
 * {
 *   "schema": "tdxcheck-baseline/1",
 *   "about": "...",
 *   "fairness": "weak",
 *   "alsoFairness": ["hw"],
 *   "runs": [
 *     {
 *       "scenario": "frozen-spte-race",
 *       "policy": {"preset": "mmu-part2", "faultRetry": "resume-guest", "zapRetry": "retry-forever"},
 *       "params": {"gpas": 1, "pendingEvents": false, "threshold": 6, "vcpus": 2},
 *       "distinctStates": 2408,
 *       "verdicts": {
 *         "lock-safety": {"verdict": "HOLDS", "reason": "exhaustive, 2408 states"},
 *         ...
 *       }
 *     }, ...]
 * }
 * </pre>
 * {@code alsoFairness} (optional, added later): liveness is decided under these too; each
 * liveness verdict under another fairness is pinned next to the main one as
 * {@code "no-busy-livelock@hw"}, and a main verdict VIOLATED gets its class
 * ({@code [robust]} / {@code [adversarial]}) at the end of its reason. Older files without it
 * read as before.
 *
 * <p>Runs keep their order (it is the order they were generated in: scenario, pending events,
 * fault axis, zap axis); object keys whose order means nothing (params, verdicts) are sorted.
 * Output is two-space indented with LF line ends, one line per verdict, so a regenerated file
 * diffs cleanly and a changed verdict is a one-line diff.
 */
public record Baseline(Fairness fairness, List<BaselineRun> runs, List<Fairness> also) {
    public static final String SCHEMA = "tdxcheck-baseline/1";
    static final String ABOUT = "Pinned verdict of every scenario x policy x property. Check with"
            + " ./tdxcheck regress --baseline FILE; after a deliberate model or policy change, rerun with --update"
            + " and commit the file with the reason. A verdict change fails regress; a state-count change alone"
            + " does not.";

    /** Duplicate keys are an error: Jackson would keep the last, a reviewer reads the first. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public Baseline {
        runs = List.copyOf(runs);
        also = also == null ? List.of() : List.copyOf(also);
    }

    /** A baseline decided under one fairness only. */
    public Baseline(Fairness fairness, List<BaselineRun> runs) {
        this(fairness, runs, List.of());
    }

    /** The fairness plan of its runs: the main fairness, then {@link #also}. */
    public tdxcheck.core.liveness.FairnessPlan plan() {
        List<Fairness> modes = new ArrayList<>();
        modes.add(fairness);
        modes.addAll(also);
        return new tdxcheck.core.liveness.FairnessPlan(modes, tdxcheck.core.liveness.FairnessPlan.DEFAULT_WINDOW_STEPS);
    }

    /** Number of pinned verdicts. */
    public int entries() {
        int n = 0;
        for (BaselineRun r : runs) {
            n += r.verdicts().size();
        }
        return n;
    }

    // ---- writing ----

    public String toJson() {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n");
        sb.append("  \"schema\": ").append(str(SCHEMA)).append(",\n");
        sb.append("  \"about\": ").append(str(ABOUT)).append(",\n");
        sb.append("  \"fairness\": ").append(str(fairness.id())).append(",\n");
        if (!also.isEmpty()) {
            sb.append("  \"alsoFairness\": [").append(String.join(", ", also.stream().map(f -> str(f.id())).toList()))
                    .append("],\n");
        }
        sb.append("  \"runs\": [");
        for (int i = 0; i < runs.size(); i++) {
            BaselineRun r = runs.get(i);
            sb.append(i == 0 ? "\n" : ",\n");
            sb.append("    {\n");
            sb.append("      \"scenario\": ").append(str(r.scenario())).append(",\n");
            sb.append("      \"policy\": {");
            String sep = "";
            for (Map.Entry<String, String> e : r.policy().entrySet()) {
                sb.append(sep).append(str(e.getKey())).append(": ").append(e.getValue() == null ? "null"
                        : str(e.getValue()));
                sep = ", ";
            }
            sb.append("},\n");
            sb.append("      \"params\": {");
            sep = "";
            for (Map.Entry<String, Object> e : r.params().entrySet()) {
                Object v = e.getValue();
                sb.append(sep).append(str(e.getKey())).append(": ").append(v instanceof String t ? str(t) : v);
                sep = ", ";
            }
            sb.append("},\n");
            sb.append("      \"distinctStates\": ").append(r.distinctStates()).append(",\n");
            sb.append("      \"verdicts\": {");
            boolean first = true;
            for (Map.Entry<String, BaselineRun.Entry> e : r.verdicts().entrySet()) {
                sb.append(first ? "\n" : ",\n");
                first = false;
                sb.append("        ").append(str(e.getKey())).append(": {\"verdict\": ")
                        .append(str(e.getValue().verdict().name())).append(", \"reason\": ")
                        .append(str(e.getValue().reason())).append('}');
            }
            sb.append(first ? "}\n" : "\n      }\n");
            sb.append("    }");
        }
        sb.append(runs.isEmpty() ? "]\n" : "\n  ]\n");
        sb.append("}\n");
        return sb.toString();
    }

    /** A JSON string literal (Jackson does the escaping). */
    private static String str(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes atomically (temp file, then rename). */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toJson());
    }

    // ---- reading ----

    /** Reads a baseline; any problem is a one-line {@link BaselineException}. */
    public static Baseline read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BaselineException("cannot read baseline " + file + ": no such file (create it with --update)");
        } catch (IOException | SecurityException e) {
            throw new BaselineException("cannot read baseline " + file + ": "
                    + (Files.isDirectory(file) ? "it is a directory" : IoErrors.describe(e)));
        }
        return parse(text, file.toString());
    }

    public static Baseline parse(String text, String where) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source.*", "")
                    .replaceAll("\\s*at \\[Source.*", "");
            int nl = m.indexOf('\n');
            String loc = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new BaselineException("bad baseline " + where + ": not JSON" + loc + ": "
                    + (nl < 0 ? m : m.substring(0, nl)));
        }
        Reader r = new Reader(where);
        if (root == null || !root.isObject()) {
            throw r.bad("", "expected a JSON object");
        }
        String schema = r.text(root, "schema", "");
        if (!SCHEMA.equals(schema)) {
            throw r.bad("schema", "is '" + schema + "', expected " + SCHEMA);
        }
        Fairness fair;
        try {
            fair = root.has("fairness") ? Fairness.fromId(r.text(root, "fairness", "")) : Fairness.defaultFairness();
        } catch (IllegalArgumentException e) {
            throw r.bad("fairness", "expected hw, weak, strong or none");
        }
        List<Fairness> also = new ArrayList<>();
        JsonNode alsoNode = root.get("alsoFairness");
        if (alsoNode != null) {
            if (!alsoNode.isArray()) {
                throw r.bad("alsoFairness", "should be an array of fairness ids");
            }
            for (JsonNode a : alsoNode) {
                try {
                    also.add(Fairness.fromId(a.asText()));
                } catch (IllegalArgumentException e) {
                    throw r.bad("alsoFairness", "expected hw, weak, strong or none, got " + a);
                }
            }
        }
        JsonNode runs = root.get("runs");
        if (runs == null || !runs.isArray()) {
            throw r.bad("runs", "missing or not an array");
        }
        List<BaselineRun> l = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            l.add(r.run(runs.get(i), "runs[" + i + "]"));
        }
        try {
            return new Baseline(fair, l, also);
        } catch (IllegalArgumentException e) {
            throw r.bad("alsoFairness", e.getMessage());
        }
    }

    /** Field-by-field reading with paths in messages ("runs[3].verdicts.no-zero-step.verdict"). */
    private record Reader(String where) {
        BaselineException bad(String path, String problem) {
            return new BaselineException("bad baseline " + where + ": " + (path.isEmpty() ? "" : path + " ") + problem);
        }

        JsonNode field(JsonNode o, String name, String path, JsonNodeType type) {
            JsonNode n = o.get(name);
            String p = path.isEmpty() ? name : path + "." + name;
            if (n == null) {
                throw bad(p, "is missing");
            }
            if (n.getNodeType() != type) {
                throw bad(p, "should be " + type.name().toLowerCase(java.util.Locale.ROOT) + ", got "
                        + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            return n;
        }

        String text(JsonNode o, String name, String path) {
            return field(o, name, path, JsonNodeType.STRING).asText();
        }

        int positiveInt(JsonNode o, String name, String path) {
            JsonNode n = field(o, name, path, JsonNodeType.NUMBER);
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
                throw bad(path + "." + name, "should be a positive integer, got " + n);
            }
            return n.asInt();
        }

        BaselineRun run(JsonNode o, String path) {
            if (o == null || !o.isObject()) {
                throw bad(path, "should be an object");
            }
            String scenario = text(o, "scenario", path);
            JsonNode pol = field(o, "policy", path, JsonNodeType.OBJECT);
            Map<String, String> policy = new LinkedHashMap<>();
            JsonNode presetNode = pol.get("preset");
            policy.put("preset", presetNode == null || presetNode.isNull() ? null : presetNode.asText());
            for (Iterator<Map.Entry<String, JsonNode>> it = pol.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("preset")) {
                    policy.put(e.getKey(), text(pol, e.getKey(), path + ".policy"));
                }
            }
            JsonNode params = field(o, "params", path, JsonNodeType.OBJECT);
            Map<String, Object> sp = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode n = e.getValue();
                if (n.isIntegralNumber() && n.canConvertToInt()) {
                    sp.put(e.getKey(), n.asInt());
                } else if (n.isBoolean()) {
                    sp.put(e.getKey(), n.asBoolean());
                } else if (n.isTextual()) {
                    sp.put(e.getKey(), n.asText());
                } else {
                    throw bad(path + ".params." + e.getKey(), "should be an integer, a boolean or a string, got " + n);
                }
            }
            JsonNode states = field(o, "distinctStates", path, JsonNodeType.NUMBER);
            if (!states.isIntegralNumber() || states.asLong() < 0) {
                throw bad(path + ".distinctStates", "should be a non-negative integer, got " + states);
            }
            JsonNode verdicts = field(o, "verdicts", path, JsonNodeType.OBJECT);
            Map<String, BaselineRun.Entry> v = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = verdicts.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String vp = path + ".verdicts." + e.getKey();
                if (!e.getValue().isObject()) {
                    throw bad(vp, "should be an object");
                }
                String verdict = text(e.getValue(), "verdict", vp);
                Verdict parsed = null;
                for (Verdict x : Verdict.values()) {
                    if (x.name().equals(verdict)) {
                        parsed = x;
                    }
                }
                if (parsed == null) {
                    throw bad(vp + ".verdict", "should be HOLDS, VIOLATED or INCONCLUSIVE, got '" + verdict + "'");
                }
                JsonNode reason = e.getValue().get("reason");
                v.put(e.getKey(), new BaselineRun.Entry(parsed, reason == null || reason.isNull() ? ""
                        : reason.asText()));
            }
            if (v.isEmpty()) {
                throw bad(path + ".verdicts", "is empty");
            }
            return new BaselineRun(scenario, policy, sp, states.asLong(), v);
        }
    }
}
