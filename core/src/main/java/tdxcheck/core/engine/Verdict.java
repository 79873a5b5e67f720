package tdxcheck.core.engine;

/**
 * What the search decided about one property. The engine's own type: {@link ResultMapper} maps
 * it to the report's verdict, so the search does not depend on the report data model.
 */
public enum Verdict {
    /** Checked on the whole reachable state space and never broken. */
    HOLDS,
    /** Broken; the outcome carries a counterexample. */
    VIOLATED,
    /** Not decided: a bound cut the search short, or another checker decides it (liveness). */
    INCONCLUSIVE
}
