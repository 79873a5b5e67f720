package tdxcheck.app.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tdxcheck.app.TestCli;
import tdxcheck.app.TestCli.Outcome;
import tdxcheck.core.fixtures.FixtureCatalog;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.model.tdx.TdxScenarios;
import tdxcheck.tdx.TdxCatalog;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.reports.result.Verdict;

/** The committed baseline, the regress diff and its exit codes, --update, bad baselines. */
class RegressTest {
    private static final TdxCatalog TDX = new TdxCatalog();
    /** Runs per scenario variant in the standard matrix: every fault x zap x exit-decode policy. */
    private static final int P = TdxCatalog.FAULT_RETRY.values().size() * TdxCatalog.ZAP_RETRY.values().size()
            * TdxCatalog.EXIT_DECODE.values().size();

    /** The whole committed baseline re-run in-process (96 runs, a few seconds on 2 cores). */
    @Test
    void committedBaselineIsGreen() {
        Outcome o = TestCli.run("regress", "--baseline", TestCli.baseline().toString());
        assertEquals(0, o.code(), o.out() + o.err());
        assertEquals("", o.err());
        assertTrue(o.out().contains(": " + Baseline.read(TestCli.baseline()).entries() + " unchanged, 0 verdict changed, 0 new, 0 missing, 0 trace changed;"
                + " runs with other state counts: 0\n"), o.out());
        assertTrue(o.out().endsWith("regress: ok, every verdict matches " + TestCli.baseline() + "\n"), o.out());
        assertFalse(o.out().contains("scenario  "), "no diff table when nothing changed:\n" + o.out());
    }

    @Test
    void committedBaselineCoversEveryScenarioTimesEveryPolicyAndThePendingEventsVariants() {
        Baseline b = Baseline.read(TestCli.baseline());
        List<Regression.Spec> matrix = Regression.standardMatrix(TDX);
        // every scenario x policy at its defaults, plus the variants TdxCatalog.baselineVariants names
        // (pending events, the other guest, the other zap kinds, ...); the huge-page zap policies only in the
        // huge-page scenarios (TdxCatalog.baselineAxisValues)
        int hugePageVariants = TDX.scenarios().stream().filter(s -> TdxScenarios.hugePageScenario(s.id()))
                .mapToInt(s -> TDX.baselineVariants(s).size()).sum();
        int zapValues = TdxCatalog.ZAP_RETRY.values().size();
        assertEquals(TDX.scenarios().stream().mapToInt(s -> TDX.baselineVariants(s).size()).sum() * P / zapValues
                * (zapValues - 2) + hugePageVariants * P / zapValues * 2, matrix.size());
        assertEquals(3568, matrix.size());
        assertTrue(matrix.size() > TDX.scenarios().size() * P, "variants are pinned too");
        assertEquals(matrix.size(), b.runs().size());
        for (int i = 0; i < matrix.size(); i++) {
            Regression.Spec s = matrix.get(i);
            BaselineRun r = b.runs().get(i);
            assertEquals(s.scenario(), r.scenario(), "run " + i);
            assertEquals(s.policy().toJson(new TdxCatalog().axes()), r.policy(), "run " + i);
            assertEquals(s.params().toJson(), r.params(), "run " + i);
            assertEquals(List.of("lock-safety", "no-busy-livelock", "no-busy-livelock@hw", "no-deadlock",
                    "no-guest-busy", "no-kvm-bug", "no-misdecoded-exit", "no-vm-dead", "no-zero-step"), r.properties(),
                    "sorted property keys, run " + i);
        }
        assertEquals(9 * matrix.size(), b.entries());
        long presets = b.runs().stream().filter(r -> r.preset() != null).count();
        int variants = TDX.scenarios().stream().mapToInt(s -> TDX.baselineVariants(s).size()).sum();
        assertEquals((long) (TDX.presets().size() - 1) * variants + hugePageVariants, presets,
                "every preset x every pinned variant (hp-v3: the huge-page ones)");
        for (BaselineRun r : b.runs()) {
            if (r.preset() != null) {
                assertEquals(Policies.preset(r.preset()).fault().id(), r.policy().get("faultRetry"));
                assertEquals(Policies.preset(r.preset()).zap().id(), r.policy().get("zapRetry"));
            }
        }
        assertEquals(Fairness.WEAK, b.fairness());
        assertEquals(List.of(Fairness.HW), b.also(), "hw verdicts pinned next to weak");
    }

    @Test
    void everyReasonIsOneLineOfTheDocumentedShape() {
        Pattern violated = Pattern.compile("(SAFETY|DEADLOCK), \\d+ steps?: \\S+ .+|LIVENESS, \\d+ steps, cycle \\d+-\\d+: .+"
                + "|LIVENESS, cycle \\d+ steps: .+ \\[(robust|adversarial)\\]");
        for (BaselineRun r : Baseline.read(TestCli.baseline()).runs()) {
            for (Map.Entry<String, BaselineRun.Entry> e : r.verdicts().entrySet()) {
                String reason = e.getValue().reason();
                assertFalse(reason.contains("\n"), reason);
                switch (e.getValue().verdict()) {
                    // liveness under another fairness (@hw) counts the states of its own graph
                    case HOLDS -> assertTrue(e.getKey().contains(BaselineRun.FAIRNESS_SEPARATOR)
                            ? reason.matches("exhaustive, \\d+ states")
                            : reason.equals("exhaustive, " + r.distinctStates() + " states"), reason);
                    case VIOLATED -> assertTrue(violated.matcher(reason).matches(), reason);
                    case INCONCLUSIVE -> assertTrue(reason.startsWith("bound hit"), reason);
                    default -> throw new AssertionError();
                }
            }
        }
    }

    @Test
    void committedFileIsInCanonicalFormat() throws IOException {
        String text = Files.readString(TestCli.baseline(), StandardCharsets.UTF_8);
        assertEquals(text, Baseline.parse(text, "x").toJson(), "regenerating would only change what changed");
        assertFalse(text.contains("\r"));
        assertTrue(text.contains("\n        \"no-zero-step\": {\"verdict\": \"VIOLATED\", \"reason\": \"SAFETY, 31 steps:"
                + " guest1 access gpa0 -> EXIT_REASON_EPT_VIOLATION\"}\n"), "one line per verdict");
    }

    /** The first runs of the committed baseline (frozen-spte-race, the 12 policies) as a small file. */
    private static Path subset(Path dir, int runs, java.util.function.UnaryOperator<List<BaselineRun>> edit)
            throws IOException {
        Baseline b = Baseline.read(TestCli.baseline());
        List<BaselineRun> l = new ArrayList<>(b.runs().subList(0, runs));
        l = edit.apply(l);
        Path f = dir.resolve("verdicts.json");
        new Baseline(b.fairness(), l, b.also()).write(f);
        return f;
    }

    private static BaselineRun withVerdict(BaselineRun r, String property, Verdict v, String reason) {
        Map<String, BaselineRun.Entry> m = new LinkedHashMap<>(r.verdicts());
        if (v == null) {
            m.remove(property);
        } else {
            m.put(property, new BaselineRun.Entry(v, reason));
        }
        return new BaselineRun(r.scenario(), r.policy(), r.params(), r.distinctStates(), m);
    }

    private static int upstreamIndex(List<BaselineRun> l) {
        for (int i = 0; i < l.size(); i++) {
            if ("upstream".equals(l.get(i).preset())) {
                return i;
            }
        }
        throw new AssertionError("no upstream run");
    }

    @Test
    void aFlippedVerdictExitsOneWithItsDiffLine(@TempDir Path tmp) throws IOException {
        Path f = subset(tmp, P, l -> {
            int i = upstreamIndex(l);
            assertEquals("frozen-spte-race", l.get(i).scenario());
            assertEquals(Verdict.HOLDS, l.get(i).verdicts().get("no-zero-step").verdict());
            l.set(i, withVerdict(l.get(i), "no-zero-step", Verdict.VIOLATED, "SAFETY, 31 steps: made up"));
            return l;
        });
        Outcome o = TestCli.run("regress", "--baseline", f.toString());
        assertEquals(1, o.code(), o.out() + o.err());
        List<String> lines = o.out().lines().toList();
        assertTrue(lines.get(0).matches("scenario +policy +property +old +new +states \\(old -> new\\) +change"),
                lines.get(0));
        assertTrue(lines.get(1).matches("frozen-spte-race +upstream +no-zero-step +VIOLATED +HOLDS +82 +VERDICT"),
                o.out());
        assertEquals("", lines.get(2), "exactly one changed entry:\n" + o.out());
        assertTrue(o.out().contains("VERDICT  frozen-spte-race [upstream] no-zero-step: VIOLATED (SAFETY, 31 steps:"
                + " made up) -> HOLDS (exhaustive, 82 states)\n"), o.out());
        assertTrue(o.out().contains(": " + (9 * P - 1) + " unchanged, 1 verdict changed, 0 new, 0 missing"), o.out());
        assertTrue(o.out().contains("regress: FAILED: verdicts differ from " + f), o.out());
    }

    @Test
    void aStateCountChangeIsShownButDoesNotFailUnlessStrict(@TempDir Path tmp) throws IOException {
        Path f = subset(tmp, P, l -> {
            int i = upstreamIndex(l);
            BaselineRun r = l.get(i);
            l.set(i, new BaselineRun(r.scenario(), r.policy(), r.params(), 150, r.verdicts()));
            return l;
        });
        Outcome o = TestCli.run("regress", "--baseline", f.toString());
        assertEquals(0, o.code(), o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.matches("frozen-spte-race +upstream +\\* +150 -> 82 +states")),
                o.out());
        assertTrue(o.out().contains("runs with other state counts: 1\n"), o.out());
        assertTrue(o.out().contains("regress: ok"), o.out());
        assertEquals(1, TestCli.run("regress", "--baseline", f.toString(), "--strict-states").code());
    }

    @Test
    void newAndMissingEntriesFail(@TempDir Path tmp) throws IOException {
        Path missing = subset(tmp, 2, l -> {
            l.set(0, withVerdict(l.get(0), "no-such-property", Verdict.HOLDS, "exhaustive, 1 states"));
            return l;
        });
        Outcome o = TestCli.run("regress", "--baseline", missing.toString());
        assertEquals(1, o.code(), o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.matches(
                "frozen-spte-race +mmu-part2 +no-such-property +HOLDS +- +1185 +MISSING")), o.out());

        Path fresh = subset(tmp, 3, l -> { // run 1 is mmu-part2's axes with exit-decode v19-union
            l.set(2, withVerdict(l.get(2), "lock-safety", null, null));
            return l;
        });
        o = TestCli.run("regress", "--baseline", fresh.toString());
        assertEquals(1, o.code(), o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.matches(
                "frozen-spte-race +resume-guest\\+retry-forever\\+classified +lock-safety +- +HOLDS +1185 +NEW")), o.out());
    }

    @Test
    void aChangedCounterexampleIsShownAsTraceButPasses(@TempDir Path tmp) throws IOException {
        Path f = subset(tmp, 1, l -> {
            l.set(0, withVerdict(l.get(0), "no-zero-step", Verdict.VIOLATED, "SAFETY, 33 steps: something else"));
            return l;
        });
        Outcome o = TestCli.run("regress", "--baseline", f.toString(), "--all-rows");
        assertEquals(0, o.code(), o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.matches(
                "frozen-spte-race +mmu-part2 +no-zero-step +VIOLATED +VIOLATED +1185 +trace")), o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.matches(
                "frozen-spte-race +mmu-part2 +lock-safety +HOLDS +HOLDS +1185 +-")), "--all-rows: " + o.out());
    }

    @Test
    void updateRewritesTheFileAtomicallyAndExitsZero(@TempDir Path tmp) throws IOException {
        Path f = subset(tmp, P, l -> {
            int i = upstreamIndex(l);
            l.set(i, withVerdict(l.get(i), "no-zero-step", Verdict.VIOLATED, "made up"));
            return l;
        });
        Outcome o = TestCli.run("regress", "--baseline", f.toString(), "--update");
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("regress: baseline " + f + " updated (" + 9 * P + " entries)\n"), o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.matches("frozen-spte-race +upstream +no-zero-step +VIOLATED +HOLDS"
                + " +82 +VERDICT")), "the diff is still shown: " + o.out());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("verdicts.json"), s.map(p -> p.getFileName().toString()).toList(), "no temp files");
        }
        assertEquals(Baseline.read(TestCli.baseline()).runs().subList(0, P), Baseline.read(f).runs(),
                "the update equals the committed baseline's first runs");
        assertEquals(0, TestCli.run("regress", "--baseline", f.toString()).code());
    }

    @Test
    void updateCreatesTheStandardMatrixWhenTheFileIsMissing(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("sub/new.json");
        Outcome o = TestCli.run(new FixtureCatalog(), "regress", "--baseline", f.toString(), "--update");
        assertEquals(0, o.code(), o.out() + o.err());
        Baseline b = Baseline.read(f);
        assertEquals(new FixtureCatalog().scenarios().size(), b.runs().size(), "fixtures: one policy each");
        assertEquals("peterson-broken", b.runs().get(3).scenario());
        assertEquals(Verdict.VIOLATED, b.runs().get(3).verdicts().get("mutual-exclusion").verdict());
        assertEquals("SAFETY, 6 steps", b.runs().get(3).verdicts().get("mutual-exclusion").reason()
                .substring(0, "SAFETY, 6 steps".length()));
        assertEquals(0, TestCli.run(new FixtureCatalog(), "regress", "--baseline", f.toString()).code());
    }

    @Test
    void resultsDoNotDependOnTheNumberOfJobs() {
        List<Regression.Spec> specs = Regression.standardMatrix(TDX).subList(2 * P, 3 * P); // zap-vs-running
        Baseline one = Regression.runAll(TDX, specs, Fairness.WEAK, 1);
        Baseline three = Regression.runAll(TDX, specs, Fairness.WEAK, 3);
        assertEquals(one.toJson(), three.toJson());
        assertNotNull(one.runs().get(0).verdicts().get("no-busy-livelock"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"schema\": 1",
        "[]",
        "{}",
        "{\"schema\": \"tdxcheck-result/1\", \"runs\": []}",
        "{\"schema\": \"tdxcheck-baseline/1\"}",
        "{\"schema\": \"tdxcheck-baseline/1\", \"runs\": {}}",
        "{\"schema\": \"tdxcheck-baseline/1\", \"fairness\": \"mostly\", \"runs\": []}",
        "{\"schema\": \"tdxcheck-baseline/1\", \"runs\": [1]}",
        "{\"schema\": \"tdxcheck-baseline/1\", \"runs\": [{\"scenario\": \"frozen-spte-race\"}]}",
        "{\"schema\": \"tdxcheck-baseline/1\", \"runs\": [{\"scenario\": \"frozen-spte-race\", \"policy\": {\"preset\":"
                + " null, \"faultRetry\": \"local-retry\", \"zapRetry\": \"bug-on-busy\"}, \"params\": {\"gpas\": 1,"
                + " \"pendingEvents\": false, \"threshold\": 6, \"vcpus\": 0}, \"distinctStates\": 1, \"verdicts\":"
                + " {\"no-kvm-bug\": {\"verdict\": \"HOLDS\", \"reason\": \"\"}}}]}",
        "{\"schema\": \"tdxcheck-baseline/1\", \"runs\": [{\"scenario\": \"frozen-spte-race\", \"policy\": {\"preset\":"
                + " null, \"faultRetry\": \"local-retry\", \"zapRetry\": \"bug-on-busy\"}, \"params\": {\"gpas\": 1,"
                + " \"pendingEvents\": false, \"threshold\": 6, \"vcpus\": 2}, \"distinctStates\": 1, \"verdicts\":"
                + " {\"no-kvm-bug\": {\"verdict\": \"HOLD\", \"reason\": \"\"}}}]}",
        "{\"schema\": \"tdxcheck-baseline/1\", \"runs\": [{\"scenario\": \"frozen-spte-rice\", \"policy\": {\"preset\":"
                + " null, \"faultRetry\": \"local-retry\", \"zapRetry\": \"bug-on-busy\"}, \"params\": {\"gpas\": 1,"
                + " \"pendingEvents\": false, \"threshold\": 6, \"vcpus\": 2}, \"distinctStates\": 1, \"verdicts\":"
                + " {\"no-kvm-bug\": {\"verdict\": \"HOLDS\", \"reason\": \"\"}}}]}",
        "{\"schema\": \"tdxcheck-baseline/1\", \"runs\": [{\"scenario\": \"frozen-spte-race\", \"policy\": {\"preset\":"
                + " null, \"faultRetry\": \"local-retry\", \"zapRetry\": \"bogus\"}, \"params\": {\"gpas\": 1,"
                + " \"pendingEvents\": false, \"threshold\": 6, \"vcpus\": 2}, \"distinctStates\": 1, \"verdicts\":"
                + " {\"no-kvm-bug\": {\"verdict\": \"HOLDS\", \"reason\": \"\"}}}]}",
        "{\"schema\": \"tdxcheck-baseline/1\", \"runs\": [{\"scenario\": \"zap-vs-zero-step\", \"policy\": {\"preset\":"
                + " null, \"faultRetry\": \"local-retry\", \"zapRetry\": \"bug-on-busy\"}, \"params\": {\"gpas\": 2,"
                + " \"pendingEvents\": false, \"threshold\": 6, \"vcpus\": 2}, \"distinctStates\": 1, \"verdicts\":"
                + " {\"no-kvm-bug\": {\"verdict\": \"HOLDS\", \"reason\": \"\"}}}]}",
    })
    void aBadBaselineIsOneLineAndExitTwo(String json, @TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("b.json");
        Files.writeString(f, json);
        String line = TestCli.run("regress", "--baseline", f.toString()).assertOneLineError();
        assertTrue(line.contains(f.toString()), line);
    }

    @Test
    void badBaselineMessagesNameTheProblem(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("b.json");
        assertEquals("cannot read baseline " + f + ": no such file (create it with --update)",
                TestCli.run("regress", "--baseline", f.toString()).assertOneLineError());
        Files.writeString(f, "{\"schema\": \"tdxcheck-baseline/1\", \"runs\": [{\"scenario\": \"x\"}]}");
        assertEquals("bad baseline " + f + ": runs[0].policy is missing",
                TestCli.run("regress", "--baseline", f.toString()).assertOneLineError());
        Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertTrue(TestCli.run("regress", "--baseline", f.toString()).assertOneLineError()
                .startsWith("cannot read baseline " + f + ": not UTF-8"));
        assertTrue(TestCli.run("regress", "--baseline", tmp.toString()).assertOneLineError()
                .startsWith("cannot read baseline " + tmp));
        assertEquals("Missing required option: '--baseline=FILE' (see tdxcheck regress --help)",
                TestCli.run("regress").assertOneLineError());
        assertEquals("--jobs must be at least 1 (got 0)",
                TestCli.run("regress", "--baseline", f.toString(), "--jobs", "0").assertOneLineError());
    }
}
