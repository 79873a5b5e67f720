package tdxcheck.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import tdxcheck.core.catalog.Catalog;
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
        for (Described d : catalog.presets()) {
            presets.add(d.id().equals(catalog.defaultPreset())
                    ? new Described(d.id(), d.description() + " (default)") : d);
        }
        section("scenarios", scenarios);
        section("presets (--policy)", presets);
        section("fault retry policies (--fault-retry)", catalog.faultRetries());
        section("zap retry policies (--zap-retry)", catalog.zapRetries());
        section("properties", catalog.properties());
        out.flush();
        return ExitCodes.OK;
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
