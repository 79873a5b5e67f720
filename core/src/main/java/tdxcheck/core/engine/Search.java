package tdxcheck.core.engine;

import java.util.List;
import tdxcheck.core.spi.Model;
import tdxcheck.core.property.DeadlockFreedom;
import tdxcheck.core.property.Property;
import tdxcheck.core.property.StateInvariant;
import tdxcheck.core.property.TransitionCheck;

/**
 * The exhaustive explicit-state search over a {@link Model}: {@link StateInvariant}s on every new
 * state, {@link TransitionCheck}s on every generated transition, {@link DeadlockFreedom} on every
 * expanded state, with state matching on fingerprints (or full states in exact mode), symmetry
 * reduction, bounds, listeners and trace reconstruction. This class is the loop; the parts are
 * named:
 * <ul>
 *   <li>{@link SearchPlan}: strategy, threads, store, symmetry, graph and bounds, chosen once
 *   from the config (and printable, with the reason of every override);</li>
 *   <li>{@link SeenSet} ({@link StoreKind}): the states seen; {@link Explored}: ids, parent
 *   pointers, frontiers, counters;</li>
 *   <li>{@link Bfs} (levels cut into segments), {@link WorkerPool} (the level-synchronous
 *   parallel segments and their barrier), {@link Worker} (the hot path, batched), {@link Dfs};</li>
 *   <li>{@link Budget} (bounds, stop flag) and {@link Clock} (time, memory, progress);</li>
 *   <li>{@link Violations} and {@link ViolationLog} (first violation per property, merged at
 *   barriers); {@link Outcomes} and {@link TraceBuilder} (verdicts and concrete traces).</li>
 * </ul>
 * The verdicts are the engine's own {@link Verdict}; {@link ResultMapper} maps them to the report.
 */
public final class Search {
    private final SearchRun run;

    private Search(Model model, List<? extends Property> properties, SearchConfig config) {
        this.run = new SearchRun(model, properties, config);
    }

    /**
     * Explores {@code model} and decides {@code properties} (liveness properties are left
     * undecided: give the config a graph sink and run the liveness checker on the graph).
     */
    public static SearchResult run(Model model, List<? extends Property> properties, SearchConfig config) {
        return new Search(model, properties, config).execute();
    }

    /** The plan a search of {@code model} under {@code config} would follow (nothing is explored). */
    public static SearchPlan plan(Model model, SearchConfig config) {
        return SearchPlan.of(model, config);
    }

    private SearchResult execute() {
        Explored ex = run.explored;
        run.listeners.started(run.model, run.config);
        run.clock.start(System.nanoTime());
        WorkerPool workers = new WorkerPool(run);
        try (workers) {
            addInitialStates(workers);
            if (run.plan.strategy() == Strategy.DFS) {
                new Dfs(run, workers.main()).run();
            } else {
                new Bfs(run, workers).run();
            }
        } catch (OutOfMemoryError e) {
            workers.release();
            ex.dropFrontiers();
            run.budget.hit(Budget.OOM);
        } catch (DiskStoreException e) {
            // fingerprints may be lost: never HOLDS, INCONCLUSIVE with the reason
            workers.release();
            ex.dropFrontiers();
            run.budget.diskFailed(e.getMessage());
        } finally {
            ex.seen.close();
        }
        for (Worker w : workers.workers()) {
            run.absorb(w);
        }
        long elapsed = run.clock.elapsed();
        ex.updatePeak();
        SearchStats stats = ex.snapshot(run.plan, elapsed, 0);
        String reason = run.budget.reason(ex.count);
        boolean allViolated = run.violations.allViolated();
        List<PropertyOutcome> outcomes = Outcomes.of(run, reason, allViolated);
        SearchResult result = new SearchResult(run.model, run.config, run.plan, outcomes, stats, reason,
                reason == null && !allViolated);
        run.listeners.finished(result);
        return result;
    }

    /** The initial states, matched and checked like successors; they become level 0 (and the DFS roots). */
    private void addInitialStates(WorkerPool workers) {
        Worker w = workers.main();
        int n = run.model.initialStateCount();
        if (n < 1) {
            throw new IllegalArgumentException(run.model.name() + ": a model needs at least one initial state");
        }
        run.explored.seen.ensureRoom(n);
        for (int i = 0; i < n && !run.budget.stop; i++) {
            run.model.initialState(i, w.succ);
            if (w.successor(-1, -1, i, null, w.succ, 0)) {
                w.append(-1, i);
            }
        }
        workers.commit(run.explored.cur);
    }
}
