package tdxcheck.core.engine;

import java.util.List;
import tdxcheck.core.property.Property;

/**
 * The search's violation records: the merged {@link ViolationLog}, and which properties any worker
 * has violated. Unless the search collects all violations, a worker stops checking a property once
 * it is violated anywhere, and a safety search (no graph kept) stops once every checked property
 * is violated.
 */
final class Violations {
    final ViolationLog merged;
    private final boolean[] anywhere;
    private final List<Property> properties;
    private final int checkedCount;
    private final boolean collectAll;
    private final boolean keepsGraph;
    private final Listeners listeners;
    private final Budget budget;
    private int violatedProps;
    private boolean allViolated;

    Violations(List<Property> properties, int checkedCount, SearchPlan plan, Listeners listeners, Budget budget) {
        this.merged = new ViolationLog(properties.size());
        this.anywhere = new boolean[properties.size()];
        this.properties = properties;
        this.checkedCount = checkedCount;
        this.collectAll = plan.collectAll();
        this.keepsGraph = plan.keepsGraph();
        this.listeners = listeners;
        this.budget = budget;
    }

    /** A worker found its first violation of {@code p}: tell the listeners if it is the first anywhere. */
    synchronized void first(int p, int stateId, int act) {
        if (anywhere[p]) {
            return;
        }
        anywhere[p] = true;
        violatedProps++;
        listeners.violation(properties.get(p), stateId, act);
        if (violatedProps == checkedCount && !collectAll && !keepsGraph) {
            allViolated = true;
            budget.stop = true;
        }
    }

    /** At a barrier: merges a worker's log, and has it skip the properties violated anywhere. */
    void merge(ViolationLog w, boolean[] skip) {
        for (int p = 0; p < anywhere.length; p++) {
            merged.absorb(w, p);
            if (!collectAll && anywhere[p]) {
                skip[p] = true;
            }
        }
    }

    /** Whether the search stopped because every checked property was violated. */
    synchronized boolean allViolated() {
        return allViolated;
    }
}
