package tdxcheck.app.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tdxcheck.app.TestRuns;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Policy;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.model.tdx.VpEnterError;
import tdxcheck.model.tdx.policy.ExitDecode;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

/**
 * Seed 000 (tdx-facts §7e): TDH.VP.ENTER's status domain under the two exit-decode policies, end to
 * end through TdxCatalog and the Verifier. v19-union reads bits 15:0 of any return as the basic
 * exit reason; classified (mainline) reads them only out of SUCCESS and NON_RECOVERABLE.
 */
class ExitDecodeTest {
    private static final String MISDECODE = "no-misdecoded-exit";

    private static Policy policy(ExitDecode d) {
        return TestRuns.TDX.resolvePolicy(null, Map.of("exit-decode", d.id()));
    }

    private static Params params(String scenario, String errors, boolean r9Nmi) {
        return TestRuns.TDX.scenario(scenario).defaults().with("vp-enter-errors", errors).with("error-r9-nmi", r9Nmi);
    }

    private static Run run(String scenario, ExitDecode d, Params p) {
        Policy pol = policy(d);
        return TestRuns.verify(scenario, p, pol, TestRuns.TDX.scenario(scenario).build(p, pol),
                SearchConfig.builder().threads(1).build(), Fairness.WEAK);
    }

    @Test
    void everyPresetTakesClassifiedAndTheDefaultAxisIsClassified() {
        TestRuns.TDX.presets().forEach(p -> assertEquals("classified", p.choices().get("exit-decode"), p.id()));
        assertEquals("upstream", policy(ExitDecode.CLASSIFIED).label());
        assertEquals("local-retry-slot-break+retry-once-then-kick+v19-union", policy(ExitDecode.V19_UNION).label());
    }

    /** The expected counterexample: a zero-low-bits error taken as EXCEPTION_NMI, in one step. */
    @Test
    void v19UnionTakesPreviousTlbEpochBusyAsAnNmiAndClassifiedHolds() {
        Params p = params("zap-vs-running", "prev-epoch-busy", true);
        Run v19 = run("zap-vs-running", ExitDecode.V19_UNION, p);
        assertEquals(Verdict.VIOLATED, v19.result(MISDECODE).verdict());
        assertEquals("no-misdecoded-exit violated by step 1 (vcpu0: TDH.VP.ENTER [returns TDX_PREVIOUS_TLB_EPOCH_BUSY]"
                + " -> TDX_PREVIOUS_TLB_EPOCH_BUSY => 0x8000020100000000: bits 15:0 = 0 read as"
                + " EXIT_REASON_EXCEPTION_NMI, intr_info an NMI: spurious NMI (vmx_do_nmi_irqoff)"
                + " => KVM_EXIT_INTERNAL_ERROR (to userspace))", v19.result(MISDECODE).reason());
        Counterexample cx = v19.result(MISDECODE).counterexample();
        assertEquals("SAFETY", cx.kind());
        assertEquals(1, cx.steps().size());
        assertEquals("v19-union: MISDECODED (an exit reason read out of a status without one)",
                cx.stateAfter(1).get("kvm.exit_decode"));
        assertEquals("done", cx.stateAfter(1).get("vcpu0"), "the internal error ends the vCPU's KVM_RUN");
        VerdictTableTest.assertReplays("zap-vs-running", p, policy(ExitDecode.V19_UNION), cx);
        assertEquals(259, v19.stats().distinctStates());
        assertEquals(Verdict.HOLDS, v19.result("no-kvm-bug").verdict(), "an operand-less error is no KVM_BUG_ON");

        Run cl = run("zap-vs-running", ExitDecode.CLASSIFIED, p);
        assertEquals(Verdict.HOLDS, cl.result(MISDECODE).verdict());
        assertEquals(Verdict.HOLDS, cl.result("no-kvm-bug").verdict());
        assertEquals(183, cl.stats().distinctStates());
    }

    @Test
    void withR9NotAnNmiTheErrorIsStillReadAsAnExitReasonButNoNmiIsSynthesised() {
        Run v19 = run("zap-vs-running", ExitDecode.V19_UNION, params("zap-vs-running", "tsc-rollback", false));
        assertEquals("no-misdecoded-exit violated by step 1 (vcpu0: TDH.VP.ENTER [returns TDX_TSC_ROLLBACK]"
                + " -> TDX_TSC_ROLLBACK => 0xC000070600000000: bits 15:0 = 0 read as EXIT_REASON_EXCEPTION_NMI,"
                + " intr_info not an NMI: handled as an exception exit => KVM_EXIT_INTERNAL_ERROR (to userspace))",
                v19.result(MISDECODE).reason());
    }

    /** Without error returns, v19's union still reads BUSY's operand id as a basic exit reason (§7e.3). */
    @Test
    void v19UnionReadsTheBusyOperandAsAnExitReasonEvenWithoutErrorReturns() {
        Params p = params("zap-vs-zero-step", "none", true);
        Run v19 = run("zap-vs-zero-step", ExitDecode.V19_UNION, p);
        assertEquals("no-misdecoded-exit violated by step 3 (vcpu0: TDH.VP.ENTER [acquire] -> TDX_OPERAND_BUSY|SEPT_TREE"
                + " => 0x8000020000000092: bits 15:0 = 146 read as basic exit reason 146 (no VMX exit: unexpected-exit"
                + " path) => EXIT_FASTPATH_EXIT_HANDLED (re-enter later))", v19.result(MISDECODE).reason());
        VerdictTableTest.assertReplays("zap-vs-zero-step", p, policy(ExitDecode.V19_UNION),
                v19.result(MISDECODE).counterexample());
        assertEquals(4113, v19.stats().distinctStates());
        Run cl = run("zap-vs-zero-step", ExitDecode.CLASSIFIED, p);
        assertEquals(Verdict.HOLDS, cl.result(MISDECODE).verdict());
        assertEquals(2162, cl.stats().distinctStates(), "the default: as before the axis existed");
        for (String other : new String[] {"no-zero-step", "no-busy-livelock", "no-deadlock", "no-kvm-bug",
            "no-guest-busy", "no-vm-dead", "lock-safety"}) {
            assertEquals(cl.result(other).verdict(), v19.result(other).verdict(), other + ": the decode changes no other verdict");
        }
    }

    /** SW errors: mainline KVM_BUG_ONs them (tdx_handle_exit); v19 read SEAMCALL_UD's trap number 6 as a reason. */
    @Test
    void aSeamcallUdIsKvmBugOnUnderBothAndMisreadOnlyByTheUnion() {
        Params p = params("zap-vs-running", "seamcall-ud", true);
        Run cl = run("zap-vs-running", ExitDecode.CLASSIFIED, p);
        assertEquals(Verdict.HOLDS, cl.result(MISDECODE).verdict());
        assertEquals("no-kvm-bug violated by step 1 (vcpu0: TDH.VP.ENTER [returns TDX_SEAMCALL_UD] -> TDX_SEAMCALL_UD"
                + " => KVM_BUG_ON)", cl.result("no-kvm-bug").reason());
        Run v19 = run("zap-vs-running", ExitDecode.V19_UNION, p);
        assertEquals("no-misdecoded-exit violated by step 1 (vcpu0: TDH.VP.ENTER [returns TDX_SEAMCALL_UD]"
                + " -> TDX_SEAMCALL_UD => 0x8000FF0000000006: bits 15:0 = 6 read as EXIT_REASON_OTHER_SMI => KVM_BUG_ON)",
                v19.result(MISDECODE).reason());
    }

    /**
     * A NON_RECOVERABLE exit carries a real exit reason: both decode it, neither misdecodes (in the
     * frozen-spte-race, whose VP.ENTER never meets BUSY, so v19's union has nothing else to misread).
     */
    @Test
    void aNonRecoverableExitIsDecodedByBothWithoutAMisdecode() {
        Params p = params("frozen-spte-race", "non-recoverable", true);
        for (ExitDecode d : ExitDecode.values()) {
            Run r = run("frozen-spte-race", d, p);
            assertEquals(Verdict.HOLDS, r.result(MISDECODE).verdict(), d.id());
            assertEquals(Verdict.HOLDS, r.result("no-kvm-bug").verdict(), d.id());
        }
        assertEquals(Verdict.VIOLATED, run("frozen-spte-race", ExitDecode.V19_UNION,
                params("frozen-spte-race", "rnd-no-entropy", true)).result(MISDECODE).verdict());
        // classified, every error class at once: never a misdecode, in every default scenario
        for (String s : TestRuns.TDX.defaultScenarioIds()) {
            Run r = run(s, ExitDecode.CLASSIFIED, params(s, "all", true));
            assertEquals(Verdict.HOLDS, r.result(MISDECODE).verdict(), s);
            assertNull(r.result(MISDECODE).counterexample(), s);
        }
    }

    @Test
    void theDecodeFunctionsOnEveryStatusOfTheDomain() {
        for (VpEnterError e : VpEnterError.values()) {
            long ret = e.status().code();
            int expectedClassified = e == VpEnterError.NON_RECOVERABLE ? 2 : ExitDecode.NOT_DECODED;
            assertEquals(expectedClassified, ExitDecode.CLASSIFIED.basicReason(ret), e.id());
            assertEquals((int) (ret & 0xFFFF), ExitDecode.V19_UNION.basicReason(ret), e.id());
        }
        assertEquals(48, ExitDecode.CLASSIFIED.basicReason(48L), "SUCCESS with EPT_VIOLATION");
        assertEquals(ExitDecode.NOT_DECODED, ExitDecode.CLASSIFIED.basicReason(0x80000200000000A9L), "BUSY|TD_EPOCH");
    }
}
