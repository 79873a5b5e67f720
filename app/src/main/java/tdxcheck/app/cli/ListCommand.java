package tdxcheck.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import tdxcheck.core.catalog.AxisSpec;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.ParamSpec;
import tdxcheck.core.catalog.Preset;
import tdxcheck.core.catalog.Described;
import tdxcheck.core.catalog.Scenario;

/** {@code tdxcheck list}: scenarios, presets, fault and zap retry policies, properties. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List scenarios, policy presets, fault/zap retry policies and properties.")
final class ListCommand implements Callable<Integer> {
    private final Catalog catalog;
    private final PrintWriter out;

    ListCommand(Catalog catalog, PrintWriter out) {
        this.catalog = catalog;
        this.out = out;
    }

    @Override
    public Integer call() {
        List<Described> scenarios = new ArrayList<>();
        List<String> defaults = catalog.defaultScenarioIds();
        for (Scenario s : catalog.scenarios()) {
            scenarios.add(new Described(s.id(), s.description()
                    + (defaults.contains(s.id()) ? "" : " (not run by default)")));
        }
        List<Described> presets = new ArrayList<>();
        for (Preset p : catalog.presets()) {
            presets.add(new Described(p.id(), p.description()
                    + (p.id().equals(catalog.defaultPreset()) ? " (default)" : "")));
        }
        section("scenarios", scenarios);
        section("presets (--policy)", presets);
        for (AxisSpec a : catalog.axes()) {
            section(a.doc() + " (" + a.option() + ")", a.values());
        }
        section("properties", catalog.properties());
        params();
        out.flush();
        return ExitCodes.OK;
    }

    /** Each parameter with its range, then each scenario's defaults (a column per parameter). */
    private void params() {
        List<Described> specs = new ArrayList<>();
        for (ParamSpec p : catalog.params()) {
            specs.add(new Described(p.option(), p.doc() + " (" + p.range() + ")"));
        }
        section("parameters", specs);
        List<Described> rows = new ArrayList<>();
        for (Scenario s : catalog.scenarios()) {
            List<String> cells = new ArrayList<>();
            s.defaults().byName().forEach((k, v) -> cells.add(k + "=" + v));
            rows.add(new Described(s.id(), String.join(" ", cells)));
        }
        section("scenario defaults", rows);
    }

    private void section(String title, List<Described> items) {
        int w = 0;
        for (Described d : items) {
            w = Math.max(w, d.id().length());
        }
        out.println(title + ":");
        for (Described d : items) {
            out.println("  " + pad(d.id(), w) + "  " + d.description());
        }
        out.println();
    }

    static String pad(String s, int w) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < w) {
            sb.append(' ');
        }
        return sb.toString();
    }
}
