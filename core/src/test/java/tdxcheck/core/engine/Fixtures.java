package tdxcheck.core.engine;

import java.util.List;
import tdxcheck.core.fixtures.Counter;
import tdxcheck.core.fixtures.DiningPhilosophers;
import tdxcheck.core.fixtures.Peterson;
import tdxcheck.core.fixtures.SymmetricCounters;
import tdxcheck.core.fixtures.TwoStateCycle;
import tdxcheck.core.spi.Model;
import tdxcheck.core.property.DeadlockFreedom;
import tdxcheck.core.property.Property;

/** The fixture models the engine tests run on, with their pinned counts. */
final class Fixtures {
    /**
     * A fixture and its exact counts: states and transitions of the full graph; orbit states and
     * transitions of the quotient graph under the model's symmetry (equal to the full counts for
     * models without symmetry). Computed by {@link ReferenceExplorer} and, where easy, by hand.
     */
    record Pinned(Model model, long states, long transitions, long orbitStates, long orbitTransitions, int depth) {
        @Override
        public String toString() {
            return model.name();
        }
    }

    private Fixtures() {
    }

    static List<Pinned> all() {
        return List.of(
                // hand: n + 1 states, n transitions, depth n
                new Pinned(new Counter(5), 6, 5, 6, 5, 5),
                new Pinned(new Counter(0), 1, 0, 1, 0, 0),
                // hand: a <-> b
                new Pinned(new TwoStateCycle(), 2, 2, 2, 2, 1),
                new Pinned(new Peterson(false), 20, 34, 20, 34, 6),
                new Pinned(new Peterson(true), 32, 60, 32, 60, 7),
                new Pinned(new DiningPhilosophers(3, false), 45, 69, 45, 69, 9),
                new Pinned(new DiningPhilosophers(3, true), 42, 62, 42, 62, 9),
                new Pinned(new DiningPhilosophers(4, false), 161, 332, 161, 332, 12),
                new Pinned(new DiningPhilosophers(4, true), 150, 300, 150, 300, 12),
                // hand: (m+1)^K states, K*m*(m+1)^(K-1) transitions, C(m+K, K) orbits, depth K*m
                new Pinned(new SymmetricCounters(3, 2), 27, 54, 10, 20, 6),
                new Pinned(new SymmetricCounters(4, 3), 256, 768, 35, 105, 12));
    }

    static List<Property> deadlockOnly() {
        return List.of(DeadlockFreedom.standard());
    }

    static SearchConfig.Builder config(Strategy s, int threads) {
        return SearchConfig.builder().strategy(s).threads(threads);
    }
}
