package tdxcheck.core.check;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import tdxcheck.core.engine.SearchListener;

/**
 * Progress of the liveness phase (building the graph, then the fair-cycle search), which runs
 * after the search and can take longer than it: a daemon timer tells the listeners the current
 * phase every progress interval, so a long liveness check is not silent. Nothing runs on the
 * checker's own thread.
 */
final class LivenessProgress implements AutoCloseable {
    private final List<SearchListener> listeners;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer;
    private volatile String phase = "starting";

    LivenessProgress(List<SearchListener> listeners, long intervalMillis) {
        this.listeners = listeners;
        if (listeners.isEmpty()) {
            timer = null;
            return;
        }
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "tdxcheck-liveness-progress");
            th.setDaemon(true);
            return th;
        });
        t.scheduleAtFixedRate(this::report, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        timer = t;
    }

    void phase(String p) {
        phase = p;
    }

    private void report() {
        double s = (System.nanoTime() - start) / 1e9;
        synchronized (this) {
            for (SearchListener l : listeners) {
                l.livenessProgress(phase, s);
            }
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
