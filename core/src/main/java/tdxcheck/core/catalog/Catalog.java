package tdxcheck.core.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tdxcheck.core.spi.ModelException;

/**
 * A model family as a plug-in: its scenarios, parameters, policy axes, presets and properties.
 * The CLI, suite files, {@code list}, the result JSON and the baseline are derived from these
 * declarations, so a new family is one module implementing this interface (registered for
 * {@link java.util.ServiceLoader}) and a new parameter is one {@link ParamSpec}.
 */
public interface Catalog {
    /** The family id ({@code --family}). */
    String family();

    /** One line for {@code list}. */
    String description();

    List<Scenario> scenarios();

    /** Scenario ids that {@code verify} runs when none is given: by default every scenario, in order. */
    default List<String> defaultScenarioIds() {
        return scenarios().stream().map(Scenario::id).toList();
    }

    /** Every parameter a scenario of this family may take, in JSON/contract order. */
    List<ParamSpec> params();

    /** The policy axes, in JSON order (may be empty for a family without policies). */
    List<AxisSpec> axes();

    List<Preset> presets();

    /** Preset used when the user names no policy. */
    String defaultPreset();

    /** Every property id with its one-line description. */
    List<Described> properties();

    /**
     * The parameter sets of {@code s} that the standard regression baseline pins (every one under
     * every combination of axis values). Default: the scenario's defaults only.
     */
    default List<Params> baselineVariants(Scenario s) {
        return List.of(s.defaults());
    }

    /**
     * The ids of {@code axis}'s values the standard regression baseline pins for {@code scenario}, in
     * the axis's order. Default: all of them. A family narrows it for a policy that only decides
     * something in a few scenarios (the TDX family's huge-page zap policies decide only DEMOTE's
     * errors), so it is not multiplied into every other scenario of the baseline.
     */
    default List<String> baselineAxisValues(String scenario, AxisSpec axis) {
        return axis.values().stream().map(Described::id).toList();
    }

    default Scenario scenario(String id) throws ModelException {
        for (Scenario s : scenarios()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new ModelException("unknown scenario '" + id + "' (known: "
                + String.join(", ", scenarios().stream().map(Scenario::id).toList()) + ")");
    }

    default Preset preset(String id) throws ModelException {
        for (Preset p : presets()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new ModelException("unknown policy preset '" + id + "' (known: "
                + String.join(", ", presets().stream().map(Preset::id).toList()) + ")");
    }

    default AxisSpec axis(String name) throws ModelException {
        for (AxisSpec a : axes()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new ModelException("this family has no policy axis '" + name + "'");
    }

    default ParamSpec param(String name) throws ModelException {
        for (ParamSpec p : params()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new ModelException("this family has no parameter '" + name + "'");
    }

    /**
     * Resolves the user's choice: a preset, or some axes (a missing axis is taken from the default
     * preset). Unknown ids give a one-line ModelException naming the valid ones. The only place
     * the "preset or axes, not both" rule is checked.
     */
    default Policy resolvePolicy(String preset, Map<String, String> axisChoices) throws ModelException {
        boolean anyAxis = axisChoices.values().stream().anyMatch(v -> v != null);
        if (preset != null && anyAxis) {
            throw new ModelException("give either --policy or "
                    + String.join("/", axes().stream().map(AxisSpec::option).toList()) + ", not both");
        }
        if (preset != null) {
            Preset p = preset(preset);
            return new Policy(p.id(), p.choices());
        }
        for (String name : axisChoices.keySet()) {
            axis(name);
        }
        Preset d = preset(defaultPreset());
        Map<String, String> c = new LinkedHashMap<>();
        for (AxisSpec a : axes()) {
            String v = axisChoices.get(a.name());
            c.put(a.name(), v != null ? a.check(v) : d.choices().get(a.name()));
        }
        for (Preset p : presets()) {
            if (p.choices().equals(c)) {
                return new Policy(p.id(), c);
            }
        }
        return new Policy(null, c);
    }
}
