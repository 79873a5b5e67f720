package tdxcheck.core.catalog;

import tdxcheck.core.spi.ModelException;

/** A named, parameterised model instance of a family. */
public interface Scenario {
    String id();

    String description();

    /** This scenario's default value of every parameter of its family. */
    Params defaults();

    /**
     * Builds the model and its properties; a one-line ModelException on parameters the scenario
     * cannot take (naming the option) or an invalid policy.
     */
    CheckTarget build(Params params, Policy policy) throws ModelException;
}
