package tdxcheck.app.regress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tdxcheck.app.suite.IoErrors;
import tdxcheck.reports.AtomicFiles;

/**
 * The fresh verdicts of one shard of a regression ({@code regress --shard I/N --shard-out FILE}):
 * a {@code tdxcheck-baseline/1} document of the shard's runs with one more top-level key,
 * {@code "shard": "I/N"}, so {@code regress --merge} can check that it has every shard exactly
 * once before it joins them into one baseline, one diff and one exit code.
 */
public final class ShardResult {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ShardResult() {
    }

    /** Writes {@code runs} as shard {@code shard}'s result, atomically. */
    public static void write(Path file, Shard shard, Baseline runs) throws IOException {
        String json = runs.toJson();
        String marker = "\"schema\": \"" + Baseline.SCHEMA + "\",\n";
        int at = json.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("baseline JSON without its schema line");
        }
        int end = at + marker.length();
        AtomicFiles.write(file, json.substring(0, end) + "  \"shard\": \"" + shard + "\",\n" + json.substring(end));
    }

    /**
     * Joins shard results into one baseline in the order of the list the shards were cut from
     * (run j of shard i was run j*N+i, {@link Shard}). Every shard {@code 0 .. N-1} of one N must
     * be there exactly once, with one fairness, and no run twice.
     */
    public static Baseline merge(List<Path> files) {
        if (files.isEmpty()) {
            throw new BaselineException("--merge needs at least one shard file");
        }
        Map<Integer, Path> byIndex = new HashMap<>();
        int count = -1;
        Map<Integer, List<BaselineRun>> runsOf = new HashMap<>();
        Baseline first = null;
        for (Path f : files) {
            Shard s = shardOf(f);
            if (count < 0) {
                count = s.count();
            } else if (s.count() != count) {
                throw new BaselineException("cannot merge " + f + ": shard " + s + " is not one of " + count + " shards");
            }
            Path dup = byIndex.put(s.index(), f);
            if (dup != null) {
                throw new BaselineException("cannot merge: shard " + s + " given twice (" + dup + ", " + f + ")");
            }
            Baseline b = Baseline.read(f);
            if (first != null && (b.fairness() != first.fairness() || !b.also().equals(first.also()))) {
                throw new BaselineException("cannot merge " + f + ": fairness " + b.fairness().id() + " " + b.also()
                        + ", not " + first.fairness().id() + " " + first.also() + " like the other shards");
            }
            if (first == null) {
                first = b;
            }
            runsOf.put(s.index(), b.runs());
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            final int n = count;
            throw new BaselineException("cannot merge: missing shard" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing.stream().map(i -> i + "/" + n).toList()));
        }
        List<BaselineRun> merged = new ArrayList<>();
        Map<String, BaselineRun> byKey = new HashMap<>();
        for (int j = 0; ; j++) {
            boolean any = false;
            for (int i = 0; i < count; i++) {
                List<BaselineRun> l = runsOf.get(i);
                if (j < l.size()) {
                    BaselineRun r = l.get(j);
                    if (byKey.put(r.key(), r) != null) {
                        throw new BaselineException("cannot merge: run " + r.scenario() + " [" + r.policyLabel()
                                + "] " + r.params() + " is in two shards");
                    }
                    merged.add(r);
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return new Baseline(first.fairness(), merged, first.also());
    }

    /** The {@code "shard"} of a shard file (a one-line error when it has none). */
    static Shard shardOf(Path f) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            throw new BaselineException("cannot read shard " + f + ": " + (Files.isDirectory(f) ? "it is a directory"
                    : IoErrors.describe(e)));
        }
        JsonNode s = root == null ? null : root.get("shard");
        if (s == null || !s.isTextual()) {
            throw new BaselineException("bad shard " + f + ": no \"shard\": \"I/N\" (write it with regress --shard I/N"
                    + " --shard-out FILE)");
        }
        try {
            return Shard.parse(s.asText());
        } catch (IllegalArgumentException e) {
            throw new BaselineException("bad shard " + f + ": " + e.getMessage().replace("--shard", "shard"));
        }
    }
}
