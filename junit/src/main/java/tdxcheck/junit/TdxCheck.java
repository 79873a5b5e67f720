package tdxcheck.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.LinkedHashMap;
import java.util.Map;
import tdxcheck.app.RunRequest;
import tdxcheck.app.Runner;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Policy;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.tdx.TdxCatalog;
import tdxcheck.model.tdx.policy.FaultRetryPolicy;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.model.tdx.policy.RetryPolicy;
import tdxcheck.model.tdx.policy.ZapRetryPolicy;
import tdxcheck.core.property.Property;
import tdxcheck.reports.result.Run;

/**
 * A fluent entry point for JUnit 5 tests of a retry policy, including one you wrote yourself:
 * <pre>{@code
 * TdxCheck.scenario("frozen-spte-race")
 *         .faultRetry(new MyFaultPolicy())      // or faultRetry("local-retry"), or policy("upstream")
 *         .zapRetry("retry-once-then-kick")
 *         .vcpus(2).pendingEvents(false)
 *         .check()
 *         .assertHolds("no-zero-step")
 *         .assertViolated("no-busy-livelock");
 * }</pre>
 * Unset parameters take the scenario's defaults; the policy defaults to the {@code upstream}
 * preset. {@link #check()} runs the exhaustive search (safety, plus liveness when
 * {@code no-busy-livelock} is checked) and returns a {@link CheckResult} whose assertions fail
 * with the counterexample's numbered text trace. A policy must be stateless (see
 * {@link FaultRetryPolicy}, {@link ZapRetryPolicy}); its {@code id()} names it in messages.
 */
public final class TdxCheck {
    private final String scenario;
    private FaultRetryPolicy fault;
    private ZapRetryPolicy zap;
    private static final TdxCatalog CATALOG = new TdxCatalog();
    private Params params;
    private final List<String> properties = new ArrayList<>();
    private Fairness fairness = Fairness.defaultFairness();
    private long maxStates;

    private TdxCheck(String scenario) {
        this.scenario = scenario;
        this.params = CATALOG.scenario(scenario).defaults();
        RetryPolicy d = Policies.preset(Policies.UPSTREAM);
        this.fault = d.fault();
        this.zap = d.zap();
    }

    /** Starts a check of {@code id} (one of {@code tdxcheck list}'s scenarios). */
    public static TdxCheck scenario(String id) {
        return new TdxCheck(Objects.requireNonNull(id, "scenario"));
    }

    /** Both axes from a preset ({@code upstream}, {@code mmu-part2}, {@code sep2024-proposal}). */
    public TdxCheck policy(String preset) {
        RetryPolicy p = Policies.preset(preset);
        this.fault = p.fault();
        this.zap = p.zap();
        return this;
    }

    public TdxCheck faultRetry(FaultRetryPolicy policy) {
        this.fault = Objects.requireNonNull(policy, "fault retry policy");
        return this;
    }

    /** A built-in fault retry policy by id. */
    public TdxCheck faultRetry(String id) {
        return faultRetry(Policies.fault(id));
    }

    public TdxCheck zapRetry(ZapRetryPolicy policy) {
        this.zap = Objects.requireNonNull(policy, "zap retry policy");
        return this;
    }

    /** A built-in zap retry policy by id. */
    public TdxCheck zapRetry(String id) {
        return zapRetry(Policies.zap(id));
    }

    public TdxCheck vcpus(int n) {
        params = params.with(TdxCatalog.VCPUS.name(), n);
        return this;
    }

    public TdxCheck gpas(int n) {
        params = params.with(TdxCatalog.GPAS.name(), n);
        return this;
    }

    public TdxCheck threshold(int n) {
        params = params.with(TdxCatalog.THRESHOLD.name(), n);
        return this;
    }

    public TdxCheck pendingEvents(boolean on) {
        params = params.with(TdxCatalog.PENDING_EVENTS.name(), on);
        return this;
    }

    /** Check only these properties (default: all). Fewer properties, less work: no liveness search without no-busy-livelock. */
    public TdxCheck properties(String... ids) {
        properties.clear();
        properties.addAll(List.of(ids));
        return this;
    }

    public TdxCheck fairness(Fairness f) {
        this.fairness = Objects.requireNonNull(f, "fairness");
        return this;
    }

    /** Stop after {@code n} distinct states; the verdicts not decided by then are INCONCLUSIVE. */
    public TdxCheck maxStates(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxStates must be at least 1, got " + n);
        }
        this.maxStates = n;
        return this;
    }

    /** Runs the search. Bad parameters throw {@link tdxcheck.core.spi.ModelException} (one line). */
    public CheckResult check() {
        CheckTarget full = TdxCatalog.build(scenario, params, fault, zap);
        for (String id : properties) {
            if (full.properties().stream().noneMatch(x -> x.id().equals(id))) {
                throw new IllegalArgumentException("unknown property '" + id + "' (known: "
                        + String.join(", ", full.properties().stream().map(Property::id).toList()) + ")");
            }
        }
        SearchConfig.Builder cfg = SearchConfig.builder().threads(1);
        if (maxStates > 0) {
            cfg.maxStates(maxStates);
        }
        RunRequest r = new RunRequest(CATALOG, scenario, params, policy(), properties, fairness, cfg.build(), full);
        Run run = Runner.run(r);
        return new CheckResult(run);
    }

    /** The preset name only when both axes are the preset's own classes (a user class never is). */
    private Policy policy() {
        String preset = null;
        for (RetryPolicy p : Policies.presets()) {
            if (p.fault().getClass() == fault.getClass() && p.zap().getClass() == zap.getClass()) {
                preset = p.id();
            }
        }
        Map<String, String> axes = new LinkedHashMap<>();
        axes.put(TdxCatalog.FAULT_RETRY.name(), fault.id());
        axes.put(TdxCatalog.ZAP_RETRY.name(), zap.id());
        axes.put(TdxCatalog.EXIT_DECODE.name(), tdxcheck.model.tdx.VpEnterEnv.DEFAULT.decode().id()); // what build() runs
        return new Policy(preset, axes);
    }
}
