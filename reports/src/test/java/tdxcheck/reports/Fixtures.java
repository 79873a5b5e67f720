package tdxcheck.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.Policy;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Replay;
import tdxcheck.reports.result.Result;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Stats;
import tdxcheck.reports.result.Step;
import tdxcheck.reports.result.Verdict;

/** Frozen, hand-built results the renderer tests and goldens use. */
final class Fixtures {
    static final String EPOCH = "lock.epoch";
    static final String SEPT = "lock.sept_tree";
    static final String ENTRY = "lock.entry[gpa0]";
    static final String FREE = "-";

    static Policy policy(String preset, String fault, String zap) {
        java.util.Map<String, String> axes = new java.util.LinkedHashMap<>();
        axes.put("faultRetry", fault);
        axes.put("zapRetry", zap);
        return new Policy(preset, axes);
    }

    static final Policy MMU_PART2 = policy("mmu-part2", "resume-guest", "retry-forever");
    static final Policy UPSTREAM = policy("upstream", "local-retry", "retry-once-then-kick");
    static final Policy CUSTOM = policy(null, "local-retry-frozen", "kick-before-block");

    private Fixtures() {
    }

    /** Builds steps with running lock owners, so each step carries every lock as the contract says. */
    private static final class Trace {
        final Map<String, String> locks = new LinkedHashMap<>();
        final List<Step> steps = new ArrayList<>();
        final List<Integer> actions = new ArrayList<>();

        Trace() {
            locks.put(EPOCH, FREE);
            locks.put(SEPT, FREE);
            locks.put(ENTRY, FREE);
        }

        /** kv: alternating field, value; a "lock.*" field also changes the lock owner. */
        Trace noted(String actor, String action, String outcome, String note, String... kv) {
            Map<String, String> changes = new LinkedHashMap<>();
            for (int i = 0; i < kv.length; i += 2) {
                changes.put(kv[i], kv[i + 1]);
                if (kv[i].startsWith("lock.")) {
                    locks.put(kv[i], kv[i + 1]);
                }
            }
            steps.add(new Step(steps.size() + 1, actor, action, outcome, changes, locks, note));
            actions.add(actionId(actor, action));
            return this;
        }

        Trace step(String actor, String action, String outcome, String... kv) {
            return noted(actor, action, outcome, "", kv);
        }

        private static int actionId(String actor, String action) {
            return Math.floorMod((actor + "/" + action).hashCode(), 97);
        }
    }

    private static Map<String, String> initial(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        m.put(EPOCH, FREE);
        m.put(SEPT, FREE);
        m.put(ENTRY, FREE);
        return m;
    }

    /**
     * frozen-spte-race under mmu-part2: vcpu0 freezes the SPTE of gpa0 and holds TDH.MEM.PAGE.AUG
     * (sept_tree shared, entry[gpa0] exclusive) while vcpu1 re-enters 7 times; each EPT violation at
     * the same RIP bumps vcpu1's zero-step counter to 6, then the 7th records gpa0: zero-step mode.
     */
    static Counterexample zeroStep() {
        Trace t = new Trace();
        t.step("vcpu0", "TDH.VP.ENTER", "TDX_SUCCESS", "vcpu0.pc", "in-guest");
        t.step("guest0", "guest: access gpa0", "EPT_VIOLATION", "vcpu0.pc", "ept-exit", "vcpu0.zs.count", "1");
        t.step("vcpu0", "fault gpa0: freeze SPTE", "", "spte[gpa0]", "FROZEN", "vcpu0.pc", "page-aug");
        t.step("vcpu0", "TDH.MEM.PAGE.AUG (acquire)", "", "vcpu0.pc", "page-aug-complete",
                SEPT, "shared vcpu0", ENTRY, "ex vcpu0");
        for (int r = 1; r <= 7; r++) {
            t.step("vcpu1", "TDH.VP.ENTER", "TDX_SUCCESS", "vcpu1.pc", "in-guest");
            if (r <= 6) {
                t.step("guest1", "guest: access gpa0", "EPT_VIOLATION",
                        "vcpu1.pc", "ept-exit", "vcpu1.zs.count", String.valueOf(r));
                t.step("vcpu1", "fault gpa0", "RET_PF_RETRY (frozen SPTE)", "vcpu1.pc", "in-guest-resume");
            } else {
                t.noted("guest1", "guest: access gpa0", "EPT_VIOLATION",
                        "7th EPT violation at an unchanged RIP: vcpu1 is in zero-step mode; its next"
                                + " TDH.VP.ENTER needs secure_ept_lock exclusive while gpa0 is unmapped",
                        "vcpu1.pc", "ept-exit", "vcpu1.zs.gpa", "gpa0");
            }
        }
        Map<String, String> init = initial(
                "vcpu0.pc", "run-loop", "vcpu0.zs.count", "0", "vcpu0.zs.gpa", "-",
                "vcpu1.pc", "run-loop", "vcpu1.zs.count", "0", "vcpu1.zs.gpa", "-",
                "spte[gpa0]", "none", "sept[gpa0]", "unmapped");
        return new Counterexample("SAFETY",
                "vcpu1 keeps hitting vcpu0's frozen SPTE for gpa0 and re-entering the guest (resume-guest)"
                        + " until the TDX module's zero-step mitigation triggers",
                null, List.of("vcpu0", "vcpu1", "guest0", "guest1"), init, t.steps,
                new Replay(0, t.actions));
    }

    /**
     * zap-vs-running under mmu-part2: the zap's TDH.MEM.TRACK loops on BUSY|TD_EPOCH because some
     * vCPU is always inside TDH.VP.ENTER's (momentary) shared epoch hold. Lasso back to step 3.
     */
    static Counterexample epochLasso() {
        Trace t = new Trace();
        t.step("zap", "TDH.MEM.RANGE.BLOCK", "TDX_SUCCESS", "sept[gpa0]", "blocked", "zap.pc", "track");
        t.step("vcpu0", "TDH.VP.ENTER (acquire)", "", "vcpu0.pc", "entering", EPOCH, "shared vcpu0");
        t.noted("zap", "TDH.MEM.TRACK", "TDX_OPERAND_BUSY|TD_EPOCH",
                "the epoch lock is held only momentarily by TDH.VP.ENTER in the module; this lasso"
                        + " depends on that window",
                "zap.pc", "retry-track");
        t.step("vcpu1", "TDH.VP.ENTER (acquire)", "", "vcpu1.pc", "entering", EPOCH, "shared vcpu0+vcpu1");
        t.step("vcpu0", "TDH.VP.ENTER (complete)", "TDX_SUCCESS", "vcpu0.pc", "in-guest", EPOCH, "shared vcpu1");
        t.step("zap", "TDH.MEM.TRACK", "TDX_OPERAND_BUSY|TD_EPOCH");
        t.step("guest0", "guest: exit (timer)", "", "vcpu0.pc", "run-loop");
        t.step("vcpu0", "TDH.VP.ENTER (acquire)", "", "vcpu0.pc", "entering", EPOCH, "shared vcpu0+vcpu1");
        t.step("vcpu1", "TDH.VP.ENTER (complete)", "TDX_SUCCESS", "vcpu1.pc", "in-guest", EPOCH, "shared vcpu0");
        t.step("guest1", "guest: exit (timer)", "", "vcpu1.pc", "run-loop");
        Map<String, String> init = initial(
                "vcpu0.pc", "run-loop", "vcpu1.pc", "run-loop", "zap.pc", "range-block",
                "spte[gpa0]", "present", "sept[gpa0]", "mapped");
        return new Counterexample("LIVENESS",
                "the zap retries TDH.MEM.TRACK forever: a vCPU is always inside TDH.VP.ENTER",
                3, List.of("vcpu0", "vcpu1", "guest0", "guest1", "zap"), init, t.steps,
                new Replay(0, t.actions));
    }

    static Map<String, Object> params(int vcpus, int gpas) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("vcpus", vcpus);
        p.put("gpas", gpas);
        p.put("threshold", 6);
        p.put("pendingEvents", false);
        return p;
    }

    static PropertyResult holds(String property) {
        return new PropertyResult(property, Verdict.HOLDS, "", 0, null);
    }

    static Run zeroStepRun() {
        return new Run("frozen-spte-race", MMU_PART2, params(2, 1), new Stats(1234, 4321, 31, 0.42, 2938.1, 1, true, 0),
                List.of(new PropertyResult("no-zero-step", Verdict.VIOLATED,
                                "vcpu1 reached zero-step mode on gpa0", 1, zeroStep()),
                        holds("no-deadlock"), holds("no-kvm-bug"), holds("lock-safety")));
    }

    static Run lassoRun() {
        return new Run("zap-vs-running", MMU_PART2, params(2, 1), new Stats(20512, 77001, 58, 1.75, 11721.1, 4, true,
                1_310_720),
                List.of(new PropertyResult("no-busy-livelock", Verdict.VIOLATED,
                                "TDH.MEM.TRACK retried forever on TDX_OPERAND_BUSY|TD_EPOCH", 1, epochLasso()),
                        holds("no-kvm-bug"), holds("no-deadlock"), holds("lock-safety")));
    }

    /** Four runs: two violations, one inconclusive, one all-holds, one policy without a preset. */
    static Result sample() {
        Run upstream = new Run("frozen-spte-race", UPSTREAM, params(2, 1), new Stats(987, 2100, 25, 0.31, 3183.9, 1,
                true, 0),
                List.of(holds("no-zero-step"), holds("no-deadlock"), holds("no-kvm-bug"), holds("lock-safety")));
        Run custom = new Run("zap-vs-running", CUSTOM, params(2, 1), new Stats(1_000_000, 3_912_774, 211, 61.5,
                16260.2, 4, true, 64_000_000),
                List.of(new PropertyResult("no-busy-livelock", Verdict.INCONCLUSIVE,
                                "state bound reached: 1000000 states (--max-states)", 0, null),
                        holds("no-kvm-bug"), holds("no-deadlock"), holds("lock-safety")));
        return Result.of("0.1.0", List.of(zeroStepRun(), upstream, lassoRun(), custom));
    }
}
