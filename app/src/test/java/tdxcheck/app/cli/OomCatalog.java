package tdxcheck.app.cli;

import java.util.List;
import tdxcheck.core.catalog.AxisSpec;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.Described;
import tdxcheck.core.catalog.ParamSpec;
import tdxcheck.core.catalog.Preset;
import tdxcheck.core.catalog.Scenario;

/** A catalog that runs out of memory when {@code list} renders its properties (outside any search). */
final class OomCatalog implements Catalog {
    private final Catalog base;

    OomCatalog(Catalog base) {
        this.base = base;
    }

    @Override
    public String family() {
        return base.family();
    }

    @Override
    public String description() {
        return base.description();
    }

    @Override
    public List<Scenario> scenarios() {
        return base.scenarios();
    }

    @Override
    public List<String> defaultScenarioIds() {
        return base.defaultScenarioIds();
    }

    @Override
    public List<ParamSpec> params() {
        return base.params();
    }

    @Override
    public List<AxisSpec> axes() {
        return base.axes();
    }

    @Override
    public List<Preset> presets() {
        return base.presets();
    }

    @Override
    public String defaultPreset() {
        return base.defaultPreset();
    }

    @Override
    public List<Described> properties() {
        throw new OutOfMemoryError("Java heap space");
    }
}
