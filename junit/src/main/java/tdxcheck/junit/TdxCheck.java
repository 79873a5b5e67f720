package tdxcheck.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.LinkedHashMap;
import java.util.Map;
import tdxcheck.app.RunRequest;
import tdxcheck.app.Runner;
import tdxcheck.app.cli.Version;
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
    private int maxDepth;
    private Duration timeLimit = Duration.ZERO;
    private Path reportsDir;

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

    /** Do not expand states at depth {@code n}; the verdicts not decided within it are INCONCLUSIVE. */
    public TdxCheck maxDepth(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1, got " + n);
        }
        this.maxDepth = n;
        return this;
    }

    /** Stop the search after {@code limit} of wall-clock time; undecided verdicts are INCONCLUSIVE. */
    public TdxCheck timeLimit(Duration limit) {
        if (limit == null || limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive, got " + limit);
        }
        this.timeLimit = limit;
        return this;
    }

    /**
     * After the check, write the same reports as {@code tdxcheck verify --out DIR} into {@code dir}
     * (result.json, summary.md, report.html, traces/*.txt, lassos/*.dot) and JUnit XML as
     * {@code dir/junit.xml}, before any assertion runs, so a failing test leaves its report.
     */
    public TdxCheck reportsTo(Path dir) {
        this.reportsDir = Objects.requireNonNull(dir, "reports directory");
        return this;
    }

    /**
     * Runs the search. Bad parameters throw {@link tdxcheck.core.spi.ModelException} (one line); a
     * policy of yours that answers one question two ways (it keeps state outside the model) throws
     * {@link StatefulPolicyException} naming it.
     */
    public CheckResult check() {
        CheckTarget full = TdxCatalog.build(scenario, params, guarded(fault), guarded(zap));
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
        if (maxDepth > 0) {
            cfg.maxDepth(maxDepth);
        }
        if (!timeLimit.isZero()) {
            cfg.timeBudget(timeLimit);
        }
        RunRequest r = new RunRequest(CATALOG, scenario, params, policy(), properties, fairness, cfg.build(), full);
        Run run;
        try {
            run = Runner.run(r);
        } catch (RuntimeException e) {
            throw stateful(e);
        }
        CheckResult result = new CheckResult(run, Version.tool(CATALOG));
        if (reportsDir != null) {
            try {
                result.writeReports(reportsDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write reports to " + reportsDir, e);
            }
        }
        return result;
    }

    /** A user's class is guarded against keeping state; the built-in ones are stateless by construction. */
    private static FaultRetryPolicy guarded(FaultRetryPolicy p) {
        boolean builtIn = Policies.faultPolicies().stream().anyMatch(b -> b.getClass() == p.getClass());
        return builtIn ? p : new GuardedFaultPolicy(p);
    }

    private static ZapRetryPolicy guarded(ZapRetryPolicy p) {
        boolean builtIn = Policies.zapPolicies().stream().anyMatch(b -> b.getClass() == p.getClass());
        return builtIn ? p : new GuardedZapPolicy(p);
    }

    /** The policy's own exception when a guard fired anywhere in the search (workers wrap it). */
    private static RuntimeException stateful(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StatefulPolicyException s) {
                return s;
            }
        }
        return e;
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
