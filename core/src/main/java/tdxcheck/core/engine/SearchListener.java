package tdxcheck.core.engine;

import tdxcheck.core.spi.Model;
import tdxcheck.core.property.Property;

/**
 * Observes a search (JPF-style listener). All methods default to no-ops.
 *
 * <p>Per-state and per-transition events ({@link #stateNew}, {@link #stateSeen},
 * {@link #transition}) are delivered only when some listener's {@link #wantsEvents()} is true;
 * the search then runs on one thread and keeps ids for every state, so the events come in
 * search order with real ids. The other callbacks are cheap and always delivered, never
 * concurrently: {@link #violation} once per property (its first violation), {@link #progress}
 * at most every {@link SearchConfig#progressIntervalMillis()} ms. The {@code long[]} arguments are
 * the engine's buffers: copy them to keep them.
 */
public interface SearchListener {
    /** Whether this listener wants per-state and per-transition events (costly: single thread). */
    default boolean wantsEvents() {
        return false;
    }

    default void searchStarted(Model model, SearchConfig config) {
    }

    /** A state seen for the first time ({@code depth}: its depth in the search). */
    default void stateNew(int id, long[] state, int depth) {
    }

    /** A transition reached a state seen before. */
    default void stateSeen(int id, long[] state) {
    }

    /** A generated transition {@code srcId -action-> dstId}. */
    default void transition(int srcId, int action, int dstId, boolean dstIsNew) {
    }

    /**
     * The first violation of {@code property}: the path to state {@code stateId}, then
     * {@code action} when it is not -1.
     */
    default void violation(Property property, int stateId, int action) {
    }

    /** A bound stopped (or, for max-depth, cut) the search; {@code bound} is e.g. "max-states 1000". */
    default void boundHit(String bound) {
    }

    default void progress(SearchStats stats) {
    }

    /**
     * A one-line note on how the search goes on, e.g. that the seen-set moved to disk when the
     * heap ran short ({@link AutoDisk}). Rare; never concurrent.
     */
    default void searchNote(String message) {
    }

    /**
     * The liveness phase after the search (graph built, fair-cycle search running): what it is
     * doing ({@code phase}) and for how long; at most every progress interval, from one thread.
     */
    default void livenessProgress(String phase, double seconds) {
    }

    default void finished(SearchResult result) {
    }
}
