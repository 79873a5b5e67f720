package tdxcheck.core.catalog;

import java.util.List;
import tdxcheck.core.spi.ModelException;

/**
 * Everything the CLI can name: scenarios, policies (presets and both axes) and properties. The
 * TDX catalog is the product; fixture catalogs exist for the engine's self-tests.
 */
public interface Catalog {
    List<Scenario> scenarios();

    /** Scenario ids that {@code verify} runs when none is given. */
    List<String> defaultScenarioIds();

    List<Described> presets();

    List<Described> faultRetries();

    List<Described> zapRetries();

    List<Described> properties();

    /** Preset used when the user names no policy. */
    String defaultPreset();

    /**
     * Resolves the user's choice: a preset, or both axes (a missing axis is taken from the
     * default preset). Unknown ids give a one-line ModelException naming the valid ones.
     */
    PolicySpec resolvePolicy(String preset, String faultRetry, String zapRetry) throws ModelException;

    default Scenario scenario(String id) throws ModelException {
        for (Scenario s : scenarios()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new ModelException("unknown scenario '" + id + "' (known: "
                + String.join(", ", scenarios().stream().map(Scenario::id).toList()) + ")");
    }
}
