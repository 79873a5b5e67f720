package tdxcheck.tdx;

import tdxcheck.core.catalog.*;

import java.util.ArrayList;
import java.util.List;
import tdxcheck.core.spi.ModelException;
import tdxcheck.model.tdx.TdxConfig;
import tdxcheck.model.tdx.TdxModel;
import tdxcheck.model.tdx.TdxScenarios;
import tdxcheck.model.tdx.policy.FaultRetryPolicy;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.model.tdx.policy.RetryPolicy;
import tdxcheck.model.tdx.policy.ZapRetryPolicy;
import tdxcheck.properties.tdx.TdxProperties;

/** The product catalog: the five TDX scenarios, the retry policies and the named properties. */
public final class TdxCatalog implements Catalog {

    /** A TDX scenario as the CLI sees it. */
    private record TdxScenario(TdxScenarios.Info info) implements Scenario {
        @Override
        public String id() {
            return info.id();
        }

        @Override
        public String description() {
            return info.description();
        }

        @Override
        public ScenarioParams defaults() {
            return new ScenarioParams(info.vcpus(), info.gpas(), TdxScenarios.DEFAULT_THRESHOLD, false);
        }

        @Override
        public CheckTarget build(ScenarioParams p, PolicySpec policy) {
            return TdxCatalog.build(info.id(), p, Policies.fault(policy.faultRetry()), Policies.zap(policy.zapRetry()));
        }
    }

    /** Builds a target with explicit policy instances (the JUnit API passes user-written policies here). */
    public static CheckTarget build(String scenario, ScenarioParams p, FaultRetryPolicy fault, ZapRetryPolicy zap) {
        TdxConfig c = TdxScenarios.build(scenario, p.vcpus(), p.gpas(), p.threshold(), p.pendingEvents(), fault, zap);
        return new CheckTarget(new TdxModel(c), TdxProperties.all(c));
    }

    @Override
    public List<Scenario> scenarios() {
        List<Scenario> l = new ArrayList<>();
        for (TdxScenarios.Info i : TdxScenarios.ALL) {
            l.add(new TdxScenario(i));
        }
        return l;
    }

    @Override
    public List<String> defaultScenarioIds() {
        return TdxScenarios.ALL.stream().map(TdxScenarios.Info::id).toList();
    }

    @Override
    public List<Described> presets() {
        return Policies.presets().stream().map(p -> new Described(p.id(), p.description())).toList();
    }

    @Override
    public List<Described> faultRetries() {
        return Policies.faultPolicies().stream().map(p -> new Described(p.id(), p.description())).toList();
    }

    @Override
    public List<Described> zapRetries() {
        return Policies.zapPolicies().stream().map(p -> new Described(p.id(), p.description())).toList();
    }

    @Override
    public List<Described> properties() {
        TdxConfig probe = TdxScenarios.build(TdxScenarios.FAULT_STORM, 1, 1, 6, false, Policies.fault("local-retry"),
                Policies.zap("retry-once-then-kick"));
        return TdxProperties.all(probe).stream().map(p -> new Described(p.id(), p.description())).toList();
    }

    @Override
    public String defaultPreset() {
        return Policies.UPSTREAM;
    }

    @Override
    public PolicySpec resolvePolicy(String preset, String faultRetry, String zapRetry) throws ModelException {
        if (preset != null && (faultRetry != null || zapRetry != null)) {
            throw new ModelException("give either --policy or --fault-retry/--zap-retry, not both");
        }
        if (preset != null) {
            RetryPolicy p = Policies.preset(preset);
            return new PolicySpec(p.id(), p.fault().id(), p.zap().id());
        }
        RetryPolicy d = Policies.preset(defaultPreset());
        if (faultRetry == null && zapRetry == null) {
            return new PolicySpec(d.id(), d.fault().id(), d.zap().id());
        }
        String f = faultRetry != null ? Policies.fault(faultRetry).id() : d.fault().id();
        String z = zapRetry != null ? Policies.zap(zapRetry).id() : d.zap().id();
        return new PolicySpec(presetFor(f, z), f, z);
    }

    /** The preset whose axes are exactly these, or null. */
    private static String presetFor(String fault, String zap) {
        for (RetryPolicy p : Policies.presets()) {
            if (p.fault().id().equals(fault) && p.zap().id().equals(zap)) {
                return p.id();
            }
        }
        return null;
    }
}
