package tdxcheck.model.tdx.policy;

import java.util.List;
import java.util.function.Supplier;
import tdxcheck.core.spi.ModelException;

/**
 * The registry of retry policies: both axes and the presets (design.md, Retry policies). To add
 * a policy, write one class implementing {@link FaultRetryPolicy} or {@link ZapRetryPolicy} and
 * list it here (or pass an instance straight to the JUnit API).
 */
public final class Policies {
    private static final List<Supplier<FaultRetryPolicy>> FAULT = List.of(ResumeGuest::new, LocalRetryFrozen::new,
            LocalRetry::new, LocalRetrySlotBreak::new);
    private static final List<Supplier<ZapRetryPolicy>> ZAP = List.of(MmuPart2Loops::new, RetryForever::new,
            RetryOnceThenKick::new, KickBeforeBlock::new, BugOnBusy::new, SkipTrackKick::new, HpV3::new,
            RetryUntilSuccess::new);

    public static final String UPSTREAM = "upstream";
    public static final String MMU_PART2 = "mmu-part2";
    public static final String SEP2024 = "sep2024-proposal";
    public static final String V6_16 = "v6.16";
    public static final String HP_V3 = "hp-v3";

    private Policies() {
    }

    public static List<FaultRetryPolicy> faultPolicies() {
        return FAULT.stream().map(Supplier::get).toList();
    }

    public static List<ZapRetryPolicy> zapPolicies() {
        return ZAP.stream().map(Supplier::get).toList();
    }

    public static List<RetryPolicy> presets() {
        return List.of(
                new RetryPolicy(MMU_PART2, "resume-guest + mmu-part2-loops: the TDX MMU part 2 series before Jan 2025",
                        new ResumeGuest(), new MmuPart2Loops()),
                new RetryPolicy(UPSTREAM, "local-retry-slot-break + retry-once-then-kick: mainline (since 2bc2694fe20b)",
                        new LocalRetrySlotBreak(), new RetryOnceThenKick()),
                new RetryPolicy(V6_16, "local-retry + retry-once-then-kick: the first mainline TDX (6.16)",
                        new LocalRetry(), new RetryOnceThenKick()),
                new RetryPolicy(SEP2024, "local-retry-frozen + kick-before-block: the Sep 2024 proposals (seed 004)",
                        new LocalRetryFrozen(), new KickBeforeBlock()),
                new RetryPolicy(HP_V3, "local-retry-slot-break + hp-v3: the huge-page series v3 on mainline (not merged)",
                        new LocalRetrySlotBreak(), new HpV3()));
    }

    public static FaultRetryPolicy fault(String id) {
        for (FaultRetryPolicy p : faultPolicies()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new ModelException("unknown fault retry policy '" + id + "' (known: "
                + String.join(", ", faultPolicies().stream().map(FaultRetryPolicy::id).toList()) + ")");
    }

    public static ZapRetryPolicy zap(String id) {
        for (ZapRetryPolicy p : zapPolicies()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new ModelException("unknown zap retry policy '" + id + "' (known: "
                + String.join(", ", zapPolicies().stream().map(ZapRetryPolicy::id).toList()) + ")");
    }

    public static RetryPolicy preset(String id) {
        for (RetryPolicy p : presets()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new ModelException("unknown policy preset '" + id + "' (known: "
                + String.join(", ", presets().stream().map(RetryPolicy::id).toList()) + ")");
    }
}
