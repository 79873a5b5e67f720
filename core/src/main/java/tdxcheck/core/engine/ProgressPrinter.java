package tdxcheck.core.engine;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints one progress line per {@link SearchListener#progress} callback (which the search makes
 * at most every few seconds, so short runs print nothing): states, states/s, depth, queue.
 */
public final class ProgressPrinter implements SearchListener {
    private final PrintStream out;
    private final String prefix;

    public ProgressPrinter(PrintStream out, String prefix) {
        this.out = out;
        this.prefix = prefix == null || prefix.isEmpty() ? "" : prefix + ": ";
    }

    /** Prints to stderr. */
    public ProgressPrinter(String prefix) {
        this(System.err, prefix);
    }

    @Override
    public void progress(SearchStats s) {
        out.println(line(prefix, s));
        out.flush();
    }

    static String line(String prefix, SearchStats s) {
        return String.format(Locale.ROOT, "%s%,d states, %,.0f states/s, depth %d, queue %,d, %.0fs",
                prefix, s.distinctStates(), s.statesPerSecond(), s.maxDepth(), s.queued(), s.seconds());
    }
}
