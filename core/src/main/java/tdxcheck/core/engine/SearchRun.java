package tdxcheck.core.engine;

import java.util.List;
import tdxcheck.core.liveness.GraphSink;
import tdxcheck.core.spi.Model;
import tdxcheck.core.property.LivenessProperty;
import tdxcheck.core.property.Property;

/**
 * One run of the search: the model, the plan and the parts the loop, the strategies
 * ({@link BfsLevels}, {@link Dfs}) and the {@link Worker}s share. Built once per run; the parts
 * hold the mutable state.
 */
final class SearchRun {
    final Model model;
    final SearchConfig config;
    final SearchPlan plan;
    final CheckedProperties properties;
    final int words;
    final int maxEnabled;
    final GraphSink sink;
    final LivenessProperty liveness;
    final Listeners listeners;
    final Budget budget;
    final Explored explored;
    final Violations violations;
    final Clock clock;

    SearchRun(Model model, List<? extends Property> properties, SearchConfig config) {
        this.model = model;
        this.config = config;
        this.words = model.stateWords();
        if (words < 1) {
            throw new IllegalArgumentException(model.name() + ": stateWords must be at least 1");
        }
        this.properties = new CheckedProperties(properties);
        this.plan = SearchPlan.of(model, config);
        this.maxEnabled = Math.max(1, model.maxEnabled());
        this.sink = config.graphSink();
        this.liveness = config.liveness();
        this.listeners = new Listeners(config.listeners());
        this.budget = new Budget(plan, listeners);
        this.explored = new Explored(plan, words, config);
        this.violations = new Violations(this.properties.all, this.properties.count, plan, listeners, budget);
        this.clock = new Clock(plan, config.progressIntervalMillis(), budget, explored, listeners);
    }

    /** At a barrier: a worker's transition count, depth cut and violations into the search's. */
    void absorb(Worker w) {
        explored.generated += w.generated;
        w.generated = 0;
        if (w.depthCut) {
            w.depthCut = false;
            budget.hit(Budget.DEPTH);
        }
        violations.merge(w.violations, w.skip);
    }
}
