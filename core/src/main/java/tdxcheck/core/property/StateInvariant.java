package tdxcheck.core.property;

/** A predicate every reachable state must satisfy. Called on the search hot path: no allocation. */
public non-sealed interface StateInvariant extends Property {
    boolean holds(long[] state);

    @Override
    default PropertyKind kind() {
        return PropertyKind.INVARIANT;
    }
}
