package tdxcheck.app.suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tdxcheck.app.check.Reasons;
import tdxcheck.app.RunRequest;
import tdxcheck.app.Runner;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.liveness.FairnessPlan;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.ParamSpec;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Policy;
import tdxcheck.core.catalog.Scenario;
import tdxcheck.core.spi.ModelException;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

/**
 * The effective configuration of one check: what the layers (built-in defaults &lt; suite file
 * &lt; command line) resolve to, with the source of every value.
 *
 * <p>Rules: for each key the highest layer that sets it wins. The policy is resolved axis by
 * axis: it starts as the catalog's default preset; a layer that sets {@code policy} replaces
 * both axes with the preset's; a layer that sets {@code fault-retry} or {@code zap-retry}
 * replaces that axis only. One layer may not set both {@code policy} and an axis (as on the
 * command line). Expectations accumulate over the layers; a higher layer replaces the
 * expectation for the same property. The effective policy is labelled with a preset's name when
 * its two axes are exactly that preset's.
 */
public final class SuiteConfig {
    /** One line of {@code --print-config}: key, effective value, where it came from. */
    public record Entry(String key, String value, String source) {
    }

    /** An {@code expect.<property> = VERDICT} setting. */
    public record Expectation(String property, Verdict verdict, Source source) {
        public String key() {
            return ConfigKey.EXPECT_PREFIX + property;
        }
    }

    /** An expectation checked against a run; {@code reason} is the actual verdict's one-line reason. */
    public record ExpectationResult(Expectation expectation, Verdict actual, String reason) {
        public boolean ok() {
            return expectation.verdict() == actual;
        }

        /** "expect.no-zero-step = HOLDS (suites/x.tdx:7): got VIOLATED: SAFETY, 31 steps: ...". */
        public String describe() {
            Expectation e = expectation;
            String head = e.key() + " = " + e.verdict() + " (" + e.source() + ")";
            if (actual == null) {
                return head + ": the scenario has no property " + e.property();
            }
            return head + (ok() ? ": " : ": got " + actual + ": ") + reason;
        }
    }

    private final String origin;
    private final String scenario;
    private final Policy policy;
    private final Params params;
    private final List<String> properties;
    private final FairnessPlan fairness;
    private final long maxStates;
    private final long maxDepth;
    private final double timeLimit;
    private final boolean por;
    private final List<Expectation> expectations;
    private final List<Entry> entries;

    private SuiteConfig(String origin, String scenario, Policy policy, Params params,
                        List<String> properties, FairnessPlan fairness, long maxStates, long maxDepth, double timeLimit,
                        boolean por, List<Expectation> expectations, List<Entry> entries) {
        this.origin = origin;
        this.scenario = scenario;
        this.policy = policy;
        this.params = params;
        this.properties = properties;
        this.fairness = fairness;
        this.maxStates = maxStates;
        this.maxDepth = maxDepth;
        this.timeLimit = timeLimit;
        this.por = por;
        this.expectations = expectations;
        this.entries = entries;
    }

    /** A value with its source while resolving. */
    private record Val(Object value, String source) {
    }

    /**
     * Resolves {@code layers} (lowest first) over the built-in defaults.
     *
     * @param origin          how messages name this configuration (the suite file, or "command line")
     * @param requireScenario a missing scenario is an error (false only for {@code --print-config}
     *                        without a suite file)
     * @throws SuiteException one line on a missing scenario or conflicting settings
     */
    public static SuiteConfig resolve(Catalog catalog, String origin, boolean requireScenario,
                                      List<ConfigLayer> layers) {
        Val scen = last(layers, ConfigKey.SCENARIO);
        if (scen == null && requireScenario) {
            throw new SuiteException("no scenario in " + origin + ": add a line 'scenario = ID' (known: "
                    + String.join(", ", catalog.scenarios().stream().map(Scenario::id).toList()) + ")");
        }
        String scenarioId = scen == null ? null : (String) scen.value();

        // policy, axis by axis
        List<ConfigKey> axisKeys = catalog.axes().stream().map(ConfigKey::axis).toList();
        String preset = catalog.defaultPreset();
        Policy d = catalog.resolvePolicy(preset, Map.of());
        Val presetVal = new Val(preset, Source.defaults(null).toString());
        Map<String, Val> axisVals = new LinkedHashMap<>();
        for (ConfigKey k : axisKeys) {
            axisVals.put(k.name(), new Val(d.value(k.name()), Source.defaults("preset " + preset).toString()));
        }
        for (ConfigLayer l : layers) {
            ConfigLayer.Setting p = l.get(ConfigKey.POLICY.name());
            ConfigLayer.Setting axis = null;
            for (ConfigKey k : axisKeys) {
                if (axis == null) {
                    axis = l.get(k.name());
                }
            }
            if (p != null && axis != null) {
                throw new SuiteException("'policy' (" + p.source().where() + ") and '" + axis.name() + "' ("
                        + axis.source().where() + ") are both set: give a preset or the axes, not both");
            }
            if (p != null) {
                Policy ps = catalog.resolvePolicy((String) p.value(), Map.of());
                presetVal = new Val(ps.preset(), p.source().toString());
                for (ConfigKey k : axisKeys) {
                    axisVals.put(k.name(), new Val(ps.value(k.name()), p.source() + " (policy " + ps.preset() + ")"));
                }
            }
            for (ConfigKey k : axisKeys) {
                ConfigLayer.Setting a = l.get(k.name());
                if (a != null) {
                    axisVals.put(k.name(), new Val(a.value(), a.source().toString()));
                }
            }
        }
        Map<String, String> choices = new LinkedHashMap<>();
        axisVals.forEach((k, v) -> choices.put(k, (String) v.value()));
        Policy policy = catalog.resolvePolicy(null, choices);

        // scenario parameters over the scenario's defaults
        String perScenario = scenarioId == null ? "per scenario" : "scenario " + scenarioId;
        Params params = scenarioId == null ? null : catalog.scenario(scenarioId).defaults();
        Map<String, Val> paramVals = new LinkedHashMap<>();
        for (ParamSpec ps : catalog.params()) {
            Val v = valOr(layers, ConfigKey.param(ps), null, perScenario);
            paramVals.put(ps.name(), v);
            if (params != null && v.value() != null) {
                if (!params.has(ps.name())) { // e.g. the huge-page parameters outside the huge-page scenarios
                    throw new SuiteException(origin + ": scenario " + scenarioId + " does not take " + ps.name());
                }
                try {
                    params = params.with(ps.name(), v.value());
                } catch (ModelException e) {
                    throw new SuiteException(origin + ": " + e.getMessage());
                }
            }
        }

        Val props = valOr(layers, ConfigKey.PROPERTIES, List.of(), null);
        Val fair = valOr(layers, ConfigKey.FAIRNESS, FairnessPlan.of(Fairness.defaultFairness()), null);
        Val window = valOr(layers, ConfigKey.WINDOW_STEPS, FairnessPlan.DEFAULT_WINDOW_STEPS, null);
        FairnessPlan fairness = new FairnessPlan(((FairnessPlan) fair.value()).modes(), (Integer) window.value());
        Val maxStates = valOr(layers, ConfigKey.MAX_STATES, 0L, null);
        Val maxDepth = valOr(layers, ConfigKey.MAX_DEPTH, 0L, null);
        Val timeLimit = valOr(layers, ConfigKey.TIME_LIMIT, 0.0, null);
        Val por = valOr(layers, ConfigKey.POR, false, null);
        @SuppressWarnings("unchecked")
        List<String> selected = (List<String>) props.value();

        // expectations: merged, higher layers replace; listed in the catalog's property order
        Map<String, Expectation> byProp = new LinkedHashMap<>();
        for (ConfigLayer l : layers) {
            for (ConfigLayer.Setting s : l.expectations()) {
                String prop = s.name().substring(ConfigKey.EXPECT_PREFIX.length());
                byProp.put(prop, new Expectation(prop, (Verdict) s.value(), s.source()));
            }
        }
        List<Expectation> expectations = new ArrayList<>();
        for (String p : ConfigKey.propertyIds(catalog)) {
            Expectation e = byProp.get(p);
            if (e == null) {
                continue;
            }
            if (!selected.isEmpty() && !selected.contains(p)) {
                throw new SuiteException("'" + e.key() + "' (" + e.source().where() + ") expects a verdict for a"
                        + " property that 'properties' (" + props.source() + ") leaves out");
            }
            expectations.add(e);
        }

        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(ConfigKey.SCENARIO.name(), scenarioId == null ? "(not set)" : scenarioId,
                scen == null ? "default: verify checks " + String.join(", ", catalog.defaultScenarioIds())
                        + " (required in a suite file)" : scen.source()));
        entries.add(new Entry(ConfigKey.POLICY.name(), policy.preset() == null ? "(none: custom axes)"
                : policy.preset(), policy.preset() == null ? String.join(", ", axisVals.values().stream().map(Val::source).toList())
                : presetSource(presetVal, policy)));
        for (Map.Entry<String, Val> e : axisVals.entrySet()) {
            entries.add(new Entry(e.getKey(), policy.value(e.getKey()), e.getValue().source()));
        }
        for (Map.Entry<String, Val> e : paramVals.entrySet()) {
            if (params != null && !params.has(e.getKey())) {
                continue; // a parameter this scenario does not take
            }
            Object v = params != null ? params.get(e.getKey()) : e.getValue().value();
            entries.add(new Entry(e.getKey(), v == null ? "(per scenario: " + ScenarioDefaults.describe(catalog, e.getKey())
                    + ")" : v.toString(), e.getValue().source()));
        }
        entries.add(new Entry(ConfigKey.PROPERTIES.name(), selected.isEmpty() ? ConfigKey.ALL
                : String.join(", ", selected), props.source()));
        entries.add(new Entry(ConfigKey.FAIRNESS.name(), fairness.id(), fair.source()));
        entries.add(new Entry(ConfigKey.WINDOW_STEPS.name(), window.value().toString(), window.source()));
        entries.add(new Entry(ConfigKey.MAX_STATES.name(), bound((Long) maxStates.value()), maxStates.source()));
        entries.add(new Entry(ConfigKey.MAX_DEPTH.name(), bound((Long) maxDepth.value()), maxDepth.source()));
        double t = (Double) timeLimit.value();
        entries.add(new Entry(ConfigKey.TIME_LIMIT.name(), t == 0 ? ConfigKey.UNBOUNDED
                : String.format(Locale.ROOT, "%s", t), timeLimit.source()));
        entries.add(new Entry(ConfigKey.POR.name(), por.value().toString(), por.source()));
        for (Expectation e : expectations) {
            entries.add(new Entry(e.key(), e.verdict().name(), e.source().toString()));
        }
        return new SuiteConfig(origin, scenarioId, policy, params, selected, fairness,
                (Long) maxStates.value(), (Long) maxDepth.value(), t, (Boolean) por.value(), List.copyOf(expectations),
                List.copyOf(entries));
    }

    private static String presetSource(Val presetVal, Policy policy) {
        // the preset key's source if it still names the effective policy, else "axes"
        return policy.preset().equals(presetVal.value()) ? presetVal.source() : "axes match preset " + policy.preset();
    }

    private static String bound(long n) {
        return n == 0 ? ConfigKey.UNBOUNDED : Long.toString(n);
    }

    private static Val last(List<ConfigLayer> layers, ConfigKey key) {
        Val v = null;
        for (ConfigLayer l : layers) {
            ConfigLayer.Setting s = l.get(key.name());
            if (s != null) {
                v = new Val(s.value(), s.source().toString());
            }
        }
        return v;
    }

    private static Val valOr(List<ConfigLayer> layers, ConfigKey key, Object dflt, String defaultDetail) {
        Val v = last(layers, key);
        return v != null ? v : new Val(dflt, Source.defaults(defaultDetail).toString());
    }

    /** The suite file (or "command line") this configuration came from. */
    public String origin() {
        return origin;
    }

    /** The scenario id; null only for a {@code --print-config} without one. */
    public String scenario() {
        return scenario;
    }

    public Policy policy() {
        return policy;
    }

    /** Null only when {@link #scenario()} is. */
    public Params params() {
        return params;
    }

    /** The properties to check; empty means all. */
    public List<String> properties() {
        return properties;
    }

    public FairnessPlan fairness() {
        return fairness;
    }

    public List<Expectation> expectations() {
        return expectations;
    }

    public boolean hasExpectations() {
        return !expectations.isEmpty();
    }

    /** The lines of {@code --print-config}, in catalogue order. */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * {@code base} with this configuration's bounds applied (0 = unbounded leaves base's) and its
     * partial-order reduction setting.
     */
    public SearchConfig.Builder bounds(SearchConfig.Builder base) {
        base.partialOrder(por);
        if (maxStates > 0) {
            base.maxStates(maxStates);
        }
        if (maxDepth > 0) {
            base.maxDepth((int) maxDepth);
        }
        if (timeLimit > 0) {
            base.timeBudget(Duration.ofMillis(Math.max(1, Math.round(timeLimit * 1000))));
        }
        return base;
    }

    /** The run this configuration asks for, searched with {@code search} plus its bounds. */
    public RunRequest request(Catalog catalog, SearchConfig.Builder search) {
        return new RunRequest(catalog, scenario, params, policy, properties, fairness, bounds(search).build(), null);
    }

    /** Runs the check: safety and, if selected, liveness. */
    public Run run(Catalog catalog, SearchConfig.Builder search) {
        try {
            return Runner.run(request(catalog, search));
        } catch (ModelException e) {
            throw new SuiteException(origin + ": " + e.getMessage());
        }
    }

    /** Every expectation checked against {@code run}, in catalogue order. */
    public List<ExpectationResult> check(Run run) {
        List<ExpectationResult> l = new ArrayList<>();
        for (Expectation e : expectations) {
            PropertyResult pr = run.result(e.property());
            l.add(new ExpectationResult(e, pr == null ? null : pr.verdict(), pr == null ? "" : Reasons.of(run, pr)));
        }
        return l;
    }
}
