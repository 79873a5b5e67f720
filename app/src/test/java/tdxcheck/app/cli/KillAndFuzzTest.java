package tdxcheck.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.app.TestCli;
import tdxcheck.app.TestCli.Outcome;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.ResultJson;

/**
 * Issue 16's fault runs, with fixed seeds (heavy: {@code mvn -B verify -Pbench}, or
 * {@code -Dgroups=heavy -Dtest=KillAndFuzzTest}): semantic mutations of a real result must all
 * be rejected by replay, malformed suite values by verify, without a stack trace; a verify killed
 * (SIGTERM or SIGINT) at random points must leave no temp file and files that agree.
 */
@Tag("heavy")
class KillAndFuzzTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final int FUZZ_PER_KIND = 12;
    private static final int KILLS = 40;

    @TempDir
    Path dir;

    // ---- fuzz: results ----

    private interface Mutation {
        /** Edits a semantically relevant part of {@code root} (a VIOLATED counterexample); false if it could not. */
        boolean apply(ObjectNode root, Random rnd);
    }

    private static List<ObjectNode> violated(ObjectNode root) {
        List<ObjectNode> l = new ArrayList<>();
        for (JsonNode run : root.get("runs")) {
            for (JsonNode r : run.get("results")) {
                if (r.get("verdict").asText().equals("VIOLATED")) {
                    l.add((ObjectNode) r);
                }
            }
        }
        return l;
    }

    private static List<ObjectNode> holds(ObjectNode root) {
        List<ObjectNode> l = new ArrayList<>();
        for (JsonNode run : root.get("runs")) {
            for (JsonNode r : run.get("results")) {
                if (r.get("verdict").asText().equals("HOLDS")) {
                    l.add((ObjectNode) r);
                }
            }
        }
        return l;
    }

    private static <T> T pick(List<T> l, Random rnd) {
        return l.get(rnd.nextInt(l.size()));
    }

    private static ObjectNode cx(ObjectNode r) {
        return (ObjectNode) r.get("counterexample");
    }

    private static final List<Mutation> KINDS = List.of(
        (root, rnd) -> { // cut the trace short (steps and actions together)
            ObjectNode cx = cx(pick(violated(root), rnd));
            ArrayNode steps = (ArrayNode) cx.get("steps");
            ArrayNode actions = (ArrayNode) cx.get("replay").get("actions");
            int keep = rnd.nextInt(steps.size());
            while (steps.size() > keep) {
                steps.remove(steps.size() - 1);
                actions.remove(actions.size() - 1);
            }
            if (!cx.get("loopBackIndex").isNull() && cx.get("loopBackIndex").asInt() >= keep) {
                cx.put("loopBackIndex", Math.max(0, keep - 1));
            }
            return true;
        },
        (root, rnd) -> { // file the counterexample under a property that holds
            ObjectNode v = pick(violated(root), rnd);
            ObjectNode h = pick(holds(root), rnd);
            h.set("counterexample", v.get("counterexample").deepCopy());
            if (rnd.nextBoolean()) {
                h.put("verdict", "VIOLATED");
            }
            return true;
        },
        (root, rnd) -> { // drop the counterexample of a violation
            pick(violated(root), rnd).putNull("counterexample");
            return true;
        },
        (root, rnd) -> { // a loopBackIndex removed, nulled or moved
            ObjectNode cx = cx(pick(violated(root), rnd));
            if (cx.get("loopBackIndex").isNull()) { // a path made a lasso (nulling it would change nothing)
                cx.put("loopBackIndex", rnd.nextInt(cx.get("steps").size()));
                return true;
            }
            switch (rnd.nextInt(3)) {
                case 0 -> cx.remove("loopBackIndex");
                case 1 -> cx.putNull("loopBackIndex");
                default -> cx.put("loopBackIndex", cx.get("loopBackIndex").asInt() + 1 + rnd.nextInt(3));
            }
            return true;
        },
        (root, rnd) -> { // a lock annotation edited
            ObjectNode cx = cx(pick(violated(root), rnd));
            ArrayNode steps = (ArrayNode) cx.get("steps");
            ObjectNode locks = (ObjectNode) steps.get(rnd.nextInt(steps.size())).get("locks");
            List<String> names = new ArrayList<>();
            locks.fieldNames().forEachRemaining(names::add);
            String n = pick(names, rnd);
            locks.put(n, locks.get(n).asText().equals("-") ? "write vcpu0" : "-");
            return true;
        },
        (root, rnd) -> { // the counterexample kind changed
            ObjectNode cx = cx(pick(violated(root), rnd));
            String k = cx.get("kind").asText();
            cx.put("kind", k.equals("SAFETY") ? (rnd.nextBoolean() ? "LIVENESS" : "DEADLOCK") : "SAFETY");
            return true;
        },
        (root, rnd) -> { // an action id changed
            ArrayNode actions = (ArrayNode) cx(pick(violated(root), rnd)).get("replay").get("actions");
            int i = rnd.nextInt(actions.size());
            actions.set(i, M.getNodeFactory().numberNode(actions.get(i).asInt() + 1 + rnd.nextInt(5)));
            return true;
        },
        (root, rnd) -> { // a step's outcome or changes edited
            ArrayNode steps = (ArrayNode) cx(pick(violated(root), rnd)).get("steps");
            ObjectNode s = (ObjectNode) steps.get(rnd.nextInt(steps.size()));
            if (rnd.nextBoolean()) {
                s.put("outcome", s.get("outcome").asText().equals("TDX_SUCCESS") ? "TDX_OPERAND_BUSY" : "TDX_SUCCESS");
            } else {
                ((ObjectNode) s.get("changes")).put("zap", "idle?");
            }
            return true;
        },
        (root, rnd) -> { // a schema break: null verdict, negative seconds, null step, wrong type
            ObjectNode run = (ObjectNode) root.get("runs").get(rnd.nextInt(root.get("runs").size()));
            switch (rnd.nextInt(4)) {
                case 0 -> ((ObjectNode) run.get("results").get(0)).putNull("verdict");
                case 1 -> ((ObjectNode) run.get("stats")).put("seconds", -1.5);
                case 2 -> ((ArrayNode) cx(pick(violated(root), rnd)).get("steps")).insertNull(0);
                default -> run.put("results", "none");
            }
            return true;
        },
        (root, rnd) -> { // the property renamed to another of the scenario's
            ObjectNode v = pick(violated(root), rnd);
            v.put("property", v.get("property").asText().equals("no-deadlock") ? "lock-safety" : "no-deadlock");
            return true;
        });

    @Test
    void fuzzedResultsAreNeverAcceptedNorCrash() throws Exception {
        Path json = dir.resolve("m.json");
        assertEquals(ExitCodes.VIOLATED, TestCli.run("verify", "--policy", "mmu-part2", "--scenario",
                "zap-vs-running,frozen-spte-race,accept-vs-remove", "--json", json.toString(), "-q").code());
        String original = Files.readString(json);
        int inputs = 0;
        int accepted = 0;
        int traces = 0;
        List<String> wrong = new ArrayList<>();
        for (int kind = 0; kind < KINDS.size(); kind++) {
            for (int seed = 0; seed < FUZZ_PER_KIND; seed++) {
                Random rnd = new Random(1000L * kind + seed);
                ObjectNode root = (ObjectNode) M.readTree(original);
                KINDS.get(kind).apply(root, rnd);
                String text = M.writerWithDefaultPrettyPrinter().writeValueAsString(root);
                if (rnd.nextInt(4) == 0) { // and sometimes a duplicate key on top
                    text = text.replaceFirst("\"verdict\" : ", "\"verdict\" : \"HOLDS\", \"verdict\" : ");
                }
                Path f = dir.resolve("fuzz-" + kind + "-" + seed + ".json");
                Files.writeString(f, text);
                inputs++;
                Outcome r = TestCli.run("replay", f.toString());
                if (r.code() == ExitCodes.OK) {
                    accepted++;
                    wrong.add("kind " + kind + " seed " + seed);
                }
                Outcome rep = TestCli.run("report", f.toString(), "--out", dir.resolve("rep").toString());
                for (Outcome o : List.of(r, rep)) {
                    if (o.err().contains("\tat ") || o.err().contains("Exception") || o.code() == ExitCodes.INTERNAL_ERROR
                            || (o.code() == ExitCodes.BAD_INPUT && o.err().lines().count() != 1)) {
                        traces++;
                        wrong.add("kind " + kind + " seed " + seed + ": " + o.err());
                    }
                }
            }
        }
        System.out.println("fuzz results: " + inputs + " mutated results, " + accepted + " accepted by replay, "
                + traces + " stack traces or multi-line errors");
        assertEquals(0, accepted + traces, wrong.toString());
    }

    // ---- fuzz: suite files ----

    @Test
    void fuzzedSuiteValuesAreRejectedInOneLine() throws Exception {
        String[] bad = {"time-limit = 5d", "time-limit = 5f", "time-limit = 0x10p0", "time-limit = 1e3",
            "time-limit = NaN", "time-limit = Infinity", "time-limit = 5 s", "max-states = +5", "max-states = 5L",
            "max-states = 1_000", "max-depth = 0x10", "properties = no-zero-step,", "properties = ,no-zero-step",
            "properties = no-zero-step,,lock-safety", "vcpus = 2.0", "vcpus = +2", "threshold = 6d",
            "pending-events = 1", "fairness = weak,", "expect.no-zero-step = HOLDS,"};
        int inputs = 0;
        int accepted = 0;
        int traces = 0;
        List<String> wrong = new ArrayList<>();
        for (int seed = 0; seed < 3; seed++) {
            Random rnd = new Random(seed);
            for (String line : bad) {
                String mutated = rnd.nextBoolean() ? line : line.replace(" = ", "=");
                Path f = dir.resolve("s" + seed + "-" + inputs + ".tdx");
                Files.writeString(f, "scenario = frozen-spte-race\n" + mutated + "\n");
                inputs++;
                Outcome o = TestCli.run("verify", "--suite", f.toString(), "--print-config");
                if (o.code() != ExitCodes.BAD_INPUT) {
                    accepted++;
                    wrong.add(mutated + " -> exit " + o.code());
                } else if (o.err().lines().count() != 1 || o.err().contains("\tat ")) {
                    traces++;
                    wrong.add(mutated + ": " + o.err());
                }
            }
        }
        System.out.println("fuzz suites: " + inputs + " malformed suite values, " + accepted + " accepted, " + traces
                + " stack traces or multi-line errors");
        assertEquals(0, accepted + traces, wrong.toString());
    }

    // ---- concurrent writers ----

    @Test
    void thirtyConcurrentPairsOnOneOutDirAllFinish() throws Exception {
        int failed = 0;
        List<String> wrong = new ArrayList<>();
        for (int pair = 0; pair < 30; pair++) {
            Path out = dir.resolve("pair" + pair).resolve("out");
            String policy = pair % 2 == 0 ? "mmu-part2" : "upstream";
            List<java.util.concurrent.CompletableFuture<Outcome>> two = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                two.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> TestCli.run("verify", "--policy",
                        policy, "--scenario", "frozen-spte-race,zap-vs-running", "--out", out.toString(), "-q")));
            }
            for (java.util.concurrent.CompletableFuture<Outcome> f : two) {
                Outcome o = f.get(120, TimeUnit.SECONDS);
                if (o.code() != ExitCodes.OK && o.code() != ExitCodes.VIOLATED) {
                    failed++;
                    wrong.add("pair " + pair + ": exit " + o.code() + " " + o.err());
                }
            }
            try (Stream<Path> s = Files.walk(out.getParent())) {
                List<Path> left = s.filter(x -> x.getFileName().toString().startsWith(".")).toList();
                if (!left.isEmpty()) {
                    failed++;
                    wrong.add("pair " + pair + " left " + left);
                }
            }
            if (!Result.COMPLETE.equals(ResultJson.read(out.resolve("result.json")).status())) {
                failed++;
                wrong.add("pair " + pair + ": result.json not complete");
            }
        }
        System.out.println("concurrent: 30 pairs on one --out, " + failed + " failures");
        assertEquals(0, failed, String.join("\n", wrong));
    }

    // ---- kill test ----

    @Test
    void aKilledVerifyLeavesNoTempFileAndFilesThatAgree() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        int interrupted = 0;
        int complete = 0;
        int temps = 0;
        int disagreeing = 0;
        List<String> wrong = new ArrayList<>();
        for (int seed = 0; seed < KILLS; seed++) {
            Random rnd = new Random(seed);
            Path base = Files.createDirectories(dir.resolve("kill" + seed));
            Path out = base.resolve("out");
            Path json = base.resolve("r.json");
            Process p = new ProcessBuilder(java, "-cp", cp, "tdxcheck.app.cli.Main", "verify", "--policy",
                    "upstream,mmu-part2,sep2024-proposal", "--scenario",
                    "frozen-spte-race,zap-vs-running,zap-vs-zero-step,accept-vs-remove,fault-storm", "--threads", "1",
                    "--out", out.toString(), "--json", json.toString(), "-q")
                    .redirectErrorStream(true).redirectOutput(base.resolve("log.txt").toFile()).start();
            Thread.sleep(300 + rnd.nextInt(3500));
            if (rnd.nextBoolean()) {
                p.destroy(); // SIGTERM
            } else {
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "seed " + seed + " did not stop");
            try (Stream<Path> s = Files.walk(base)) {
                List<Path> left = s.filter(x -> x.getFileName().toString().startsWith(".")).toList();
                if (!left.isEmpty()) {
                    temps += left.size();
                    wrong.add("seed " + seed + " left " + left);
                }
            }
            if (!Files.exists(json) && !Files.exists(out.resolve("result.json"))) {
                continue; // killed before the first run finished: nothing written, nothing to disagree
            }
            String why = disagreement(json, out);
            if (why != null) {
                disagreeing++;
                wrong.add("seed " + seed + ": " + why + "; log: " + Files.readString(base.resolve("log.txt")));
            } else if (Result.INTERRUPTED.equals(ResultJson.read(json).status())) {
                interrupted++;
            } else {
                complete++;
            }
        }
        System.out.println("kill test: " + KILLS + " kills, " + interrupted + " marked interrupted, " + complete
                + " finished first, " + temps + " temp files left, " + disagreeing + " disagreeing file sets");
        assertEquals(0, temps + disagreeing, String.join("\n", wrong));
    }

    /** Null when --json, result.json, summary.md and report.html tell the same runs and status. */
    private static String disagreement(Path json, Path out) throws IOException {
        if (!Files.exists(json) || !Files.exists(out.resolve("result.json"))) {
            return "one of --json and result.json is missing";
        }
        Result a = ResultJson.read(json);
        Result b = ResultJson.read(out.resolve("result.json"));
        if (a.runs().size() != b.runs().size() || !String.valueOf(a.status()).equals(String.valueOf(b.status()))) {
            return "--json has " + a.runs().size() + " runs " + a.status() + ", result.json " + b.runs().size()
                    + " " + b.status();
        }
        if (Result.PARTIAL.equals(a.status())) {
            return "still marked partial after the interrupt";
        }
        String md = Files.readString(out.resolve("summary.md"));
        String html = Files.readString(out.resolve("report.html"));
        String runs = b.runs().size() + (b.runs().size() == 1 ? " run" : " runs");
        if (!md.contains(runs) || !html.contains(runs)) {
            return "summary.md or report.html do not say " + runs;
        }
        String note = b.progressNote();
        if (note != null && (!md.toLowerCase().contains(note) || !html.contains(note))) {
            return "summary.md or report.html do not say '" + note + "'";
        }
        return null;
    }
}
