package tdxcheck.core.engine;

import java.util.ArrayList;
import java.util.List;
import tdxcheck.core.property.DeadlockFreedom;
import tdxcheck.core.property.Property;
import tdxcheck.core.property.StateInvariant;
import tdxcheck.core.property.TransitionCheck;

/**
 * The properties a search decides, sorted by when they are checked: {@link StateInvariant}s on
 * every new state, {@link TransitionCheck}s on every generated transition, {@link DeadlockFreedom}
 * on every expanded state. Each keeps its index in the caller's list, which the violation records
 * and outcomes use. Liveness properties are not checked here (the graph goes to a liveness checker).
 */
final class CheckedProperties {
    final List<Property> all;
    final StateInvariant[] invariants;
    final int[] invariantIndex;
    final TransitionCheck[] checks;
    final int[] checkIndex;
    /** Index of the deadlock-freedom property, or -1. */
    final int deadlock;
    /** How many properties this search decides. */
    final int count;

    CheckedProperties(List<? extends Property> properties) {
        this.all = List.copyOf(properties);
        List<StateInvariant> inv = new ArrayList<>();
        List<Integer> invIdx = new ArrayList<>();
        List<TransitionCheck> tc = new ArrayList<>();
        List<Integer> tcIdx = new ArrayList<>();
        int dl = -1;
        int checked = 0;
        for (int i = 0; i < all.size(); i++) {
            Property prop = all.get(i);
            if (prop instanceof StateInvariant s) {
                inv.add(s);
                invIdx.add(i);
                checked++;
            } else if (prop instanceof TransitionCheck t) {
                tc.add(t);
                tcIdx.add(i);
                checked++;
            } else if (prop instanceof DeadlockFreedom) {
                if (dl >= 0) {
                    throw new IllegalArgumentException("two deadlock-freedom properties: " + prop.id());
                }
                dl = i;
                checked++;
            }
        }
        this.invariants = inv.toArray(new StateInvariant[0]);
        this.invariantIndex = invIdx.stream().mapToInt(Integer::intValue).toArray();
        this.checks = tc.toArray(new TransitionCheck[0]);
        this.checkIndex = tcIdx.stream().mapToInt(Integer::intValue).toArray();
        this.deadlock = dl;
        this.count = checked;
    }

    int size() {
        return all.size();
    }
}
