package tdxcheck.model.tdx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tdxcheck.core.spi.ModelException;
import tdxcheck.model.tdx.policy.FaultRetryPolicy;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.model.tdx.policy.RetryCause;
import tdxcheck.model.tdx.policy.RetryPolicy;
import tdxcheck.model.tdx.policy.ZapBusyAction;
import tdxcheck.model.tdx.policy.ZapRetryPolicy;

/** The retry policies' decisions, per cause and per retry, and the registry (ids are the CLI contract). */
class RetryPoliciesTest {
    private static String decisions(FaultRetryPolicy p) {
        return p.id() + ": frozen " + p.retryLocally(RetryCause.FROZEN_SPTE) + ", busy "
                + p.retryLocally(RetryCause.SEAMCALL_BUSY) + ", window " + p.retryLocally(RetryCause.INVALIDATION)
                + ", invalid slot " + p.retryLocally(RetryCause.INVALID_SLOT);
    }

    private static String decisions(ZapRetryPolicy p) {
        StringBuilder sb = new StringBuilder(p.id()).append(p.kickBeforeBlock() ? " (kick before block):" : ":");
        for (Seamcall call : List.of(Seamcall.MEM_RANGE_BLOCK, Seamcall.MEM_TRACK, Seamcall.MEM_PAGE_REMOVE)) {
            sb.append(' ').append(call == Seamcall.MEM_RANGE_BLOCK ? "block" : call == Seamcall.MEM_TRACK ? "track"
                    : "remove");
            for (Outcome status : List.of(Outcome.BUSY_SEPT_TREE, Outcome.BUSY_RCX, Outcome.BUSY_TD_EPOCH)) {
                sb.append(' ').append(p.onError(call, status, false)).append('/').append(p.onError(call, status, true));
            }
        }
        return sb.toString();
    }

    @Test
    void faultPoliciesRetryLocallyPerCause() {
        assertEquals(List.of("resume-guest: frozen false, busy false, window false, invalid slot false",
                "local-retry-frozen: frozen true, busy false, window false, invalid slot false",
                "local-retry: frozen true, busy true, window true, invalid slot true",
                "local-retry-slot-break: frozen true, busy true, window true, invalid slot false"),
                Policies.faultPolicies().stream().map(RetryPoliciesTest::decisions).toList());
    }

    @Test
    void zapPoliciesReactToBusyPerRetry() {
        // columns per call: BUSY|SEPT_TREE, BUSY|RCX, BUSY|TD_EPOCH, each first try / kicked retry
        assertEquals(List.of(
                "mmu-part2-loops: block BUG/BUG BUG/BUG BUG/BUG track RETRY/RETRY RETRY/RETRY RETRY/RETRY"
                        + " remove RETRY/RETRY BUG/BUG BUG/BUG",
                "retry-forever: block RETRY/RETRY RETRY/RETRY RETRY/RETRY track RETRY/RETRY RETRY/RETRY RETRY/RETRY"
                        + " remove RETRY/RETRY RETRY/RETRY RETRY/RETRY",
                "retry-once-then-kick: block KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG"
                        + " track KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG"
                        + " remove KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG",
                "kick-before-block (kick before block): block BUG/BUG BUG/BUG BUG/BUG track BUG/BUG BUG/BUG BUG/BUG"
                        + " remove BUG/BUG BUG/BUG BUG/BUG",
                "bug-on-busy: block BUG/BUG BUG/BUG BUG/BUG track BUG/BUG BUG/BUG BUG/BUG remove BUG/BUG BUG/BUG"
                        + " BUG/BUG",
                // the mutation decides like upstream; only its kick after TRACK is gone
                "skip-track-kick: block KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG"
                        + " track KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG"
                        + " remove KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG",
                // on the 4K calls both huge-page policies are upstream's; DEMOTE: HugePageTest
                "hp-v3: block KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG"
                        + " track KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG"
                        + " remove KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG",
                "retry-until-success: block KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG"
                        + " track KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG"
                        + " remove KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG KICK_THEN_RETRY/BUG"),
                Policies.zapPolicies().stream().map(RetryPoliciesTest::decisions).toList());
    }

    @Test
    void descriptionsAreOneLineEach() {
        for (FaultRetryPolicy p : Policies.faultPolicies()) {
            assertTrue(!p.description().isBlank() && !p.description().contains("\n"), p.id());
        }
        for (ZapRetryPolicy p : Policies.zapPolicies()) {
            assertTrue(!p.description().isBlank() && !p.description().contains("\n"), p.id());
        }
        assertTrue(Policies.fault("resume-guest").description().contains("re-enters the guest"));
        assertTrue(Policies.fault("local-retry").description().contains("6.16"));
        assertTrue(Policies.fault("local-retry-slot-break").description().contains("invalid memslot"));
        assertTrue(Policies.fault("local-retry-frozen").description().contains("RET_PF_RETRY_FROZEN"));
        assertTrue(Policies.zap("retry-forever").description().contains("loop on any TDX_OPERAND_BUSY"));
        assertTrue(Policies.zap("retry-once-then-kick").description().contains("retry once"));
        assertTrue(Policies.zap("kick-before-block").description().contains("before RANGE.BLOCK"));
        assertTrue(Policies.zap("bug-on-busy").description().contains("KVM_BUG_ON"));
    }

    @Test
    void presetsPairOnePolicyOfEachAxis() {
        assertEquals(List.of("mmu-part2 = resume-guest + mmu-part2-loops",
                "upstream = local-retry-slot-break + retry-once-then-kick", "v6.16 = local-retry + retry-once-then-kick",
                "sep2024-proposal = local-retry-frozen + kick-before-block",
                "hp-v3 = local-retry-slot-break + hp-v3"),
                Policies.presets().stream().map(p -> p.id() + " = " + p.fault().id() + " + " + p.zap().id()).toList());
        RetryPolicy up = Policies.preset("upstream");
        assertTrue(up.description().contains("mainline"));
        assertEquals("sep2024-proposal", Policies.preset(Policies.SEP2024).id());
        assertEquals("mmu-part2", Policies.preset(Policies.MMU_PART2).id());
    }

    @Test
    void unknownIdsAreOneLineErrorsListingTheKnownOnes() {
        assertEquals("unknown fault retry policy 'x' (known: resume-guest, local-retry-frozen, local-retry, "
                + "local-retry-slot-break)",
                assertThrows(ModelException.class, () -> Policies.fault("x")).getMessage());
        assertEquals("unknown zap retry policy 'x' (known: mmu-part2-loops, retry-forever, retry-once-then-kick, kick-before-block, "
                + "bug-on-busy, skip-track-kick, hp-v3, retry-until-success)", assertThrows(ModelException.class, () -> Policies.zap("x")).getMessage());
        assertEquals("unknown policy preset 'x' (known: mmu-part2, upstream, v6.16, sep2024-proposal, hp-v3)",
                assertThrows(ModelException.class, () -> Policies.preset("x")).getMessage());
        assertFalse(Policies.zap("retry-forever").kickBeforeBlock());
        assertEquals(ZapBusyAction.values().length, 3);
    }
}
