package tdxcheck.core.property;

/** A predicate every generated transition must satisfy (a "bad transition" check). Hot path: no allocation. */
public non-sealed interface TransitionCheck extends Property {
    boolean allowed(long[] before, int action, long[] after);

    @Override
    default PropertyKind kind() {
        return PropertyKind.TRANSITION;
    }
}
