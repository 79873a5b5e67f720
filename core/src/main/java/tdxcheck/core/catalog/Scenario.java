package tdxcheck.core.catalog;

import tdxcheck.core.spi.ModelException;

/** A named, parameterised model instance (design.md, Scenarios). */
public interface Scenario {
    String id();

    String description();

    ScenarioParams defaults();

    /** Builds the model and its properties; a ModelException (one line) on invalid params or policy. */
    CheckTarget build(ScenarioParams params, PolicySpec policy) throws ModelException;
}
