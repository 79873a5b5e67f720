package tdxcheck.core.property;

/**
 * A named property checked over a model's state graph. Ids are part of the CLI and JSON contract
 * (design.md, Properties). Instances are bound to one model instance and are thread-safe.
 */
public sealed interface Property permits StateInvariant, TransitionCheck, DeadlockFreedom, LivenessProperty {
    /** The contract id, e.g. {@code no-zero-step}. */
    String id();

    /** One line for {@code tdxcheck list}. */
    String description();

    PropertyKind kind();
}
