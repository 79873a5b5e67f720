package tdxcheck.app.suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tdxcheck.app.check.Reasons;
import tdxcheck.app.check.Verifier;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.PolicySpec;
import tdxcheck.core.catalog.Scenario;
import tdxcheck.core.catalog.ScenarioParams;
import tdxcheck.core.spi.ModelException;
import tdxcheck.core.property.Property;
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
    private final PolicySpec policy;
    private final ScenarioParams params;
    private final List<String> properties;
    private final Fairness fairness;
    private final long maxStates;
    private final long maxDepth;
    private final double timeLimit;
    private final List<Expectation> expectations;
    private final List<Entry> entries;

    private SuiteConfig(String origin, String scenario, PolicySpec policy, ScenarioParams params,
                        List<String> properties, Fairness fairness, long maxStates, long maxDepth, double timeLimit,
                        List<Expectation> expectations, List<Entry> entries) {
        this.origin = origin;
        this.scenario = scenario;
        this.policy = policy;
        this.params = params;
        this.properties = properties;
        this.fairness = fairness;
        this.maxStates = maxStates;
        this.maxDepth = maxDepth;
        this.timeLimit = timeLimit;
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
        String preset = catalog.defaultPreset();
        PolicySpec d = catalog.resolvePolicy(preset, null, null);
        Val presetVal = new Val(preset, Source.defaults(null).toString());
        Val fault = new Val(d.faultRetry(), Source.defaults("preset " + preset).toString());
        Val zap = new Val(d.zapRetry(), Source.defaults("preset " + preset).toString());
        for (ConfigLayer l : layers) {
            ConfigLayer.Setting p = l.get(ConfigKey.POLICY.name());
            ConfigLayer.Setting f = l.get(ConfigKey.FAULT_RETRY.name());
            ConfigLayer.Setting z = l.get(ConfigKey.ZAP_RETRY.name());
            if (p != null && (f != null || z != null)) {
                ConfigLayer.Setting axis = f != null ? f : z;
                throw new SuiteException("'policy' (" + p.source().where() + ") and '" + axis.name() + "' ("
                        + axis.source().where() + ") are both set: give a preset or the axes, not both");
            }
            if (p != null) {
                PolicySpec ps = catalog.resolvePolicy((String) p.value(), null, null);
                presetVal = new Val(ps.preset(), p.source().toString());
                fault = new Val(ps.faultRetry(), p.source() + " (policy " + ps.preset() + ")");
                zap = new Val(ps.zapRetry(), p.source() + " (policy " + ps.preset() + ")");
            }
            if (f != null) {
                fault = new Val(f.value(), f.source().toString());
            }
            if (z != null) {
                zap = new Val(z.value(), z.source().toString());
            }
        }
        PolicySpec policy = catalog.resolvePolicy(null, (String) fault.value(), (String) zap.value());

        // scenario parameters over the scenario's defaults
        ScenarioParams params = null;
        String perScenario = scenarioId == null ? "per scenario" : "scenario " + scenarioId;
        Val vcpus = valOr(layers, ConfigKey.VCPUS, null, perScenario);
        Val gpas = valOr(layers, ConfigKey.GPAS, null, perScenario);
        Val threshold = valOr(layers, ConfigKey.THRESHOLD, null, perScenario);
        Val pending = valOr(layers, ConfigKey.PENDING_EVENTS, Boolean.FALSE, null);
        if (scenarioId != null) {
            ScenarioParams sd = catalog.scenario(scenarioId).defaults();
            params = new ScenarioParams(
                    vcpus.value() == null ? sd.vcpus() : (Integer) vcpus.value(),
                    gpas.value() == null ? sd.gpas() : (Integer) gpas.value(),
                    threshold.value() == null ? sd.threshold() : (Integer) threshold.value(),
                    (Boolean) pending.value());
        }

        Val props = valOr(layers, ConfigKey.PROPERTIES, List.of(), null);
        Val fair = valOr(layers, ConfigKey.FAIRNESS, Fairness.defaultFairness(), null);
        Val maxStates = valOr(layers, ConfigKey.MAX_STATES, 0L, null);
        Val maxDepth = valOr(layers, ConfigKey.MAX_DEPTH, 0L, null);
        Val timeLimit = valOr(layers, ConfigKey.TIME_LIMIT, 0.0, null);
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
                scen == null ? "default (required in a suite file)" : scen.source()));
        entries.add(new Entry(ConfigKey.POLICY.name(), policy.preset() == null ? "(none: custom axes)"
                : policy.preset(), policy.preset() == null ? fault.source() + ", " + zap.source()
                : presetSource(presetVal, policy)));
        entries.add(new Entry(ConfigKey.FAULT_RETRY.name(), policy.faultRetry(), fault.source()));
        entries.add(new Entry(ConfigKey.ZAP_RETRY.name(), policy.zapRetry(), zap.source()));
        entries.add(new Entry(ConfigKey.VCPUS.name(), params == null ? "(per scenario)" : "" + params.vcpus(),
                vcpus.source()));
        entries.add(new Entry(ConfigKey.GPAS.name(), params == null ? "(per scenario)" : "" + params.gpas(),
                gpas.source()));
        entries.add(new Entry(ConfigKey.THRESHOLD.name(), params == null ? "(per scenario)"
                : "" + params.threshold(), threshold.source()));
        entries.add(new Entry(ConfigKey.PENDING_EVENTS.name(), pending.value().toString(), pending.source()));
        entries.add(new Entry(ConfigKey.PROPERTIES.name(), selected.isEmpty() ? ConfigKey.ALL
                : String.join(", ", selected), props.source()));
        entries.add(new Entry(ConfigKey.FAIRNESS.name(), ((Fairness) fair.value()).id(), fair.source()));
        entries.add(new Entry(ConfigKey.MAX_STATES.name(), bound((Long) maxStates.value()), maxStates.source()));
        entries.add(new Entry(ConfigKey.MAX_DEPTH.name(), bound((Long) maxDepth.value()), maxDepth.source()));
        double t = (Double) timeLimit.value();
        entries.add(new Entry(ConfigKey.TIME_LIMIT.name(), t == 0 ? ConfigKey.UNBOUNDED
                : String.format(Locale.ROOT, "%s", t), timeLimit.source()));
        for (Expectation e : expectations) {
            entries.add(new Entry(e.key(), e.verdict().name(), e.source().toString()));
        }
        return new SuiteConfig(origin, scenarioId, policy, params, selected, (Fairness) fair.value(),
                (Long) maxStates.value(), (Long) maxDepth.value(), t, List.copyOf(expectations), List.copyOf(entries));
    }

    private static String presetSource(Val presetVal, PolicySpec policy) {
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

    public PolicySpec policy() {
        return policy;
    }

    /** Null only when {@link #scenario()} is. */
    public ScenarioParams params() {
        return params;
    }

    /** The properties to check; empty means all. */
    public List<String> properties() {
        return properties;
    }

    public Fairness fairness() {
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

    /** The catalog's target for this configuration, restricted to {@link #properties()}. */
    public CheckTarget target(Catalog catalog) {
        CheckTarget t;
        try {
            t = catalog.scenario(scenario).build(params, policy);
        } catch (ModelException e) {
            throw new SuiteException(origin + ": " + e.getMessage());
        }
        if (properties.isEmpty()) {
            return t;
        }
        List<Property> keep = new ArrayList<>();
        for (Property p : t.properties()) {
            if (properties.contains(p.id())) {
                keep.add(p);
            }
        }
        return new CheckTarget(t.model(), keep);
    }

    /** {@code base} with this configuration's bounds applied (0 = unbounded leaves base's). */
    public SearchConfig.Builder bounds(SearchConfig.Builder base) {
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

    /** Runs the check: safety and, if selected, liveness ({@link Verifier}). */
    public Run run(Catalog catalog, SearchConfig.Builder search) {
        return Verifier.verify(scenario, params, policy, target(catalog), bounds(search).build(), fairness);
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
