package tdxcheck.core.engine;

import java.util.List;
import tdxcheck.core.spi.Model;
import tdxcheck.core.property.Property;

/**
 * The search's listeners. The rare callbacks (bound hit, first violation, progress) are
 * synchronized on this object, so that listeners never see two at once even when workers report
 * them; the per-state events are called from the hot path directly (the plan makes such a search
 * single-threaded).
 */
final class Listeners {
    /** Read by the hot path for per-state events. */
    final SearchListener[] all;

    Listeners(List<SearchListener> listeners) {
        this.all = listeners.toArray(new SearchListener[0]);
    }

    void started(Model model, SearchConfig config) {
        for (SearchListener l : all) {
            l.searchStarted(model, config);
        }
    }

    synchronized void boundHit(String bound) {
        for (SearchListener l : all) {
            l.boundHit(bound);
        }
    }

    synchronized void violation(Property property, int stateId, int action) {
        for (SearchListener l : all) {
            l.violation(property, stateId, action);
        }
    }

    synchronized void progress(SearchStats stats) {
        for (SearchListener l : all) {
            l.progress(stats);
        }
    }

    synchronized void note(String message) {
        for (SearchListener l : all) {
            l.searchNote(message);
        }
    }

    void finished(SearchResult result) {
        for (SearchListener l : all) {
            l.finished(result);
        }
    }
}
