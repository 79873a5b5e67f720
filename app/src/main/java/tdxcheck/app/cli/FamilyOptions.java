package tdxcheck.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
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
            spec.addOption(OptionSpec.builder(a.option()).paramLabel("ID").type(String.class)
                    .description("The " + a.doc() + " (instead of --policy's): "
                            + String.join(", ", a.values().stream().map(Described::id).toList()) + ".")
                    .build());
        }
        for (ParamSpec p : catalog.params()) {
            OptionSpec.Builder b = OptionSpec.builder(p.option()).type(String.class)
                    .description(p.doc() + " (" + p.range() + "; default: per scenario).");
            if (p.kind() == ParamSpec.Kind.BOOL) {
                b.arity("0..1").fallbackValue("true").paramLabel("true|false");
            } else {
                b.paramLabel(p.kind() == ParamSpec.Kind.INT ? "N" : String.join("|", p.choices()));
            }
            spec.addOption(b.build());
        }
    }

    /** Axis name -> value for the axes given on the command line (absent axes are left out). */
    static Map<String, String> axisChoices(CommandSpec spec, Catalog catalog) {
        Map<String, String> m = new LinkedHashMap<>();
        for (AxisSpec a : catalog.axes()) {
            String v = given(spec, a.option());
            if (v != null) {
                m.put(a.name(), v);
            }
        }
        return m;
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
