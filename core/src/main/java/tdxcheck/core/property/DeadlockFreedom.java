package tdxcheck.core.property;

/**
 * No reachable state in which some actor is unfinished and no action is enabled. The engine
 * decides it from {@code Model.enabledActions} and {@code Model.isFinished}; this class only
 * names it.
 */
public record DeadlockFreedom(String id, String description) implements Property {
    public static final String ID = "no-deadlock";

    public static DeadlockFreedom standard() {
        return new DeadlockFreedom(ID, "no reachable state where an actor is unfinished and no actor can move");
    }

    @Override
    public PropertyKind kind() {
        return PropertyKind.DEADLOCK;
    }
}
