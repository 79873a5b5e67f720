package tdxcheck.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tdxcheck.app.TestCli;
import tdxcheck.app.TestCli.Outcome;

/**
 * Issue 16: {@code replay} proves what a result claims, or rejects it. Each test edits a real
 * result (zap-vs-running and frozen-spte-race under mmu-part2: a 10-step lasso, a 31-step
 * no-zero-step trace, a 64-step lasso) the way the fuzz did and expects a nonzero exit.
 */
class ReplayProofTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    static Path dir;

    private static String original;

    @BeforeAll
    static void verify() throws Exception {
        Path json = dir.resolve("m.json");
        // weak first: zap-vs-running's adversarial lasso (hw holds) is the lasso these tests edit
        Outcome v = TestCli.run("verify", "--policy", "mmu-part2", "--scenario", "zap-vs-running,frozen-spte-race",
                "--fairness", "weak,hw", "--json", json.toString(), "-q");
        assertEquals(ExitCodes.VIOLATED, v.code(), v.err());
        original = Files.readString(json);
    }

    /** runs[run].results[property] of a fresh copy, edited by {@code edit}; replayed. */
    private static Outcome replayEdited(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) M.readTree(original);
        edit.accept(root);
        Path f = Files.createTempFile(dir, "edited", ".json");
        Files.writeString(f, M.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return TestCli.run("replay", f.toString());
    }

    private static ObjectNode result(ObjectNode root, String scenario, String property) {
        for (JsonNode run : root.get("runs")) {
            if (run.get("scenario").asText().equals(scenario)) {
                for (JsonNode r : run.get("results")) {
                    if (r.get("property").asText().equals(property)) {
                        return (ObjectNode) r;
                    }
                }
            }
        }
        throw new AssertionError("no " + scenario + " " + property);
    }

    private static ObjectNode cx(ObjectNode root, String scenario, String property) {
        return (ObjectNode) result(root, scenario, property).get("counterexample");
    }

    /** Rejected: nonzero exit, not a line saying REPRODUCED for the edited property. */
    private static void assertRejected(Outcome r, String edited) {
        assertNotEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertFalse(r.out().lines().anyMatch(l -> l.startsWith("REPRODUCED") && l.contains(edited)), r.out());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    }

    @Test
    void theUneditedResultReproduces() throws Exception {
        Outcome r = replayEdited(root -> { });
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertEquals(3, r.out().lines().filter(l -> l.startsWith("REPRODUCED")).count(), r.out());
    }

    @Test
    void aSafetyTraceCutShortIsRejected() throws Exception {
        Outcome r = replayEdited(root -> {
            ObjectNode cx = cx(root, "frozen-spte-race", "no-zero-step");
            ArrayNode steps = (ArrayNode) cx.get("steps");
            ArrayNode actions = (ArrayNode) cx.get("replay").get("actions");
            while (steps.size() > 21) {
                steps.remove(steps.size() - 1);
                actions.remove(actions.size() - 1);
            }
        });
        assertRejected(r, "frozen-spte-race [mmu-part2] no-zero-step");
        // no-zero-step is a transition check: the 21st step does not trip the detector
        assertTrue(r.out().contains("DIVERGED    frozen-spte-race [mmu-part2] no-zero-step: the last step of the "
                + "trace is allowed by no-zero-step"), r.out());
    }

    @Test
    void aTraceFiledUnderAnotherPropertyIsRejected() throws Exception {
        Outcome r = replayEdited(root -> {
            ObjectNode nd = result(root, "frozen-spte-race", "no-deadlock");
            nd.put("verdict", "VIOLATED");
            nd.set("counterexample", cx(root, "frozen-spte-race", "no-zero-step").deepCopy());
            ((ObjectNode) nd.get("counterexample")).put("kind", "DEADLOCK");
        });
        assertRejected(r, "frozen-spte-race [mmu-part2] no-deadlock");
    }

    @Test
    void aTraceUnderAHoldsVerdictIsRejected() throws Exception {
        Outcome r = replayEdited(root -> result(root, "frozen-spte-race", "no-deadlock")
                .set("counterexample", cx(root, "frozen-spte-race", "no-zero-step").deepCopy()));
        assertRejected(r, "no-deadlock");
        assertEquals(ExitCodes.BAD_INPUT, r.code());
    }

    @Test
    void aViolatedVerdictWithoutCounterexampleIsRejected() throws Exception {
        Outcome r = replayEdited(root -> result(root, "frozen-spte-race", "no-zero-step").putNull("counterexample"));
        assertRejected(r, "no-zero-step");
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        r.assertOneLineError();
    }

    @Test
    void aLassoWithoutItsLoopBackIndexIsRejected() throws Exception {
        assertRejected(replayEdited(root -> cx(root, "zap-vs-running", "no-busy-livelock").putNull("loopBackIndex")),
                "zap-vs-running [mmu-part2] no-busy-livelock");
        assertRejected(replayEdited(root -> cx(root, "zap-vs-running", "no-busy-livelock").remove("loopBackIndex")),
                "zap-vs-running [mmu-part2] no-busy-livelock");
    }

    @Test
    void aSafetyTraceRelabelledAsALassoIsRejected() throws Exception {
        Outcome r = replayEdited(root -> {
            ObjectNode cx = cx(root, "frozen-spte-race", "no-zero-step");
            cx.put("kind", "LIVENESS");
        });
        assertRejected(r, "no-zero-step");
    }

    @Test
    void editedLockAnnotationsAreRejected() throws Exception {
        Outcome r = replayEdited(root -> {
            ObjectNode cx = cx(root, "zap-vs-running", "no-busy-livelock");
            ((ObjectNode) cx.get("steps").get(0).get("locks")).put("lock.mmu", "-");
        });
        assertRejected(r, "zap-vs-running [mmu-part2] no-busy-livelock");
        assertTrue(r.out().contains("step 1 locks"), r.out());
    }

    @Test
    void aLassoClosingOnAnotherStepIsRejected() throws Exception {
        Outcome r = replayEdited(root -> cx(root, "frozen-spte-race", "no-busy-livelock").put("loopBackIndex", 0));
        assertRejected(r, "frozen-spte-race [mmu-part2] no-busy-livelock");
    }

    @Test
    void malformedResultsAreOneLineExitTwo() throws Exception {
        String[] edits = {"\"verdict\" : \"HOLDS\"", "\"seconds\" : ", "\"steps\" : [", "\"policy\" : {"};
        String[] into = {"\"verdict\" : null", "\"seconds\" : -", "\"steps\" : [ null, ", "\"policy\" : null, \"x\":{"};
        for (int i = 0; i < edits.length; i++) {
            String bad = original.replaceFirst(java.util.regex.Pattern.quote(edits[i]),
                    java.util.regex.Matcher.quoteReplacement(into[i]));
            assertNotEquals(original, bad, edits[i]);
            Path f = dir.resolve("bad" + i + ".json");
            Files.writeString(f, bad);
            TestCli.run("replay", f.toString()).assertOneLineError();
            TestCli.run("report", f.toString(), "--out", dir.resolve("rep" + i).toString()).assertOneLineError();
        }
    }

    @Test
    void duplicateKeysAreRejected() throws Exception {
        String dup = original.replaceFirst("\"verdict\" : \"HOLDS\",", "\"verdict\" : \"VIOLATED\", \"verdict\" : \"HOLDS\",");
        assertNotEquals(original, dup);
        Path f = dir.resolve("dup.json");
        Files.writeString(f, dup);
        assertTrue(TestCli.run("replay", f.toString()).assertOneLineError().contains("verdict"));
        TestCli.run("report", f.toString(), "--out", dir.resolve("repdup").toString()).assertOneLineError();
    }
}
