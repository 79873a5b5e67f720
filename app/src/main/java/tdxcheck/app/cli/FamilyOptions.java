package tdxcheck.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import tdxcheck.app.suite.ScenarioDefaults;
import tdxcheck.core.catalog.AxisSpec;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.Described;
import tdxcheck.core.catalog.ParamSpec;

/**
 * The options a family declares: one per policy axis ({@code --fault-retry}) and one per scenario
 * parameter ({@code --vcpus}), added to a command from the catalog's {@link AxisSpec}s and
 * {@link ParamSpec}s, so a new parameter needs no CLI code. Values stay text here; the specs
 * parse and check them.
 */
final class FamilyOptions {
    private FamilyOptions() {
    }

    /** Adds the family's axis and parameter options to {@code spec}. */
    static void add(CommandSpec spec, Catalog catalog) {
        for (AxisSpec a : catalog.axes()) {
            spec.addOption(OptionSpec.builder(a.option()).paramLabel("ID").type(List.class)
                    .auxiliaryTypes(String.class).splitRegex(",")
                    .description("The " + a.doc() + " (instead of --policy's; repeatable or comma-separated: every"
                            + " combination is checked): "
                            + String.join(", ", a.values().stream().map(Described::id).toList()) + ".")
                    .build());
        }
        addParams(spec, catalog);
    }

    /**
     * Names the family's real defaults in {@code --scenario} and {@code --policy}'s help (the
     * options keep their order: all are re-added, the two with new descriptions).
     */
    static void describeDefaults(CommandSpec spec, Catalog catalog) {
        Map<String, String> text = Map.of(
                "--scenario", "Scenario to check (repeatable; default: " + String.join(", ", catalog.defaultScenarioIds())
                        + "; all: " + String.join(", ", catalog.scenarios().stream().map(s -> s.id()).toList()) + ").",
                "--policy", "Policy preset (repeatable; default: " + catalog.defaultPreset() + "; all: "
                        + String.join(", ", catalog.presets().stream().map(p -> p.id()).toList()) + ").");
        List<OptionSpec> all = new ArrayList<>(spec.options());
        for (OptionSpec o : all) {
            spec.remove(o);
        }
        for (OptionSpec o : all) {
            String d = text.get(o.longestName());
            spec.addOption(d == null ? o : OptionSpec.builder(o).description(d).build());
        }
    }

    /** Adds only the family's parameter options (--vcpus, ...) to {@code spec}. */
    static void addParams(CommandSpec spec, Catalog catalog) {
        for (ParamSpec p : catalog.params()) {
            OptionSpec.Builder b = OptionSpec.builder(p.option()).type(String.class)
                    .description(p.doc() + " (" + p.range() + "; default: " + ScenarioDefaults.describe(catalog, p.name())
                            + ").");
            if (p.kind() == ParamSpec.Kind.BOOL) {
                b.arity("0..1").fallbackValue("true").paramLabel("true|false");
            } else {
                b.paramLabel(p.kind() == ParamSpec.Kind.INT ? "N" : String.join("|", p.choices()));
            }
            spec.addOption(b.build());
        }
    }

    /**
     * Axis name -> value for the axes given on the command line (absent axes are left out), where
     * one value per axis is allowed (suite files, --print-config).
     */
    static Map<String, String> axisChoices(CommandSpec spec, Catalog catalog) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : axisLists(spec, catalog).entrySet()) {
            if (e.getValue().size() > 1) {
                throw new UserError("with --suite, --set or --print-config give one value of --" + e.getKey()
                        + " (got " + String.join(", ", e.getValue()) + ")");
            }
            m.put(e.getKey(), e.getValue().get(0));
        }
        return m;
    }

    /** Axis name -> the values given for it (absent axes are left out). */
    static Map<String, List<String>> axisLists(CommandSpec spec, Catalog catalog) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (AxisSpec a : catalog.axes()) {
            ParseResult pr = spec.commandLine().getParseResult();
            if (pr != null && pr.hasMatchedOption(a.option())) {
                List<String> v = spec.findOption(a.option()).getValue();
                m.put(a.name(), List.copyOf(v));
            }
        }
        return m;
    }

    /**
     * Every combination of the axis values given ({@code --fault-retry a,b --zap-retry c}: a+c, b+c),
     * in command-line order; one empty map when no axis was given.
     */
    static List<Map<String, String>> axisCombinations(CommandSpec spec, Catalog catalog) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> e : axisLists(spec, catalog).entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : e.getValue()) {
                    Map<String, String> n = new LinkedHashMap<>(c);
                    n.put(e.getKey(), v);
                    next.add(n);
                }
            }
            combos = next;
        }
        return combos;
    }

    /** Parameter name -> text for the parameters given on the command line. */
    static Map<String, String> paramTexts(CommandSpec spec, Catalog catalog) {
        Map<String, String> m = new LinkedHashMap<>();
        for (ParamSpec p : catalog.params()) {
            String v = given(spec, p.option());
            if (v != null) {
                m.put(p.name(), v);
            }
        }
        return m;
    }

    private static String given(CommandSpec spec, String option) {
        ParseResult pr = spec.commandLine().getParseResult();
        if (pr == null || !pr.hasMatchedOption(option)) {
            return null;
        }
        return spec.findOption(option).getValue();
    }
}
