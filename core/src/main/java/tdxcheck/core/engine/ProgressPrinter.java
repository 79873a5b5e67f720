package tdxcheck.core.engine;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints one progress line per {@link SearchListener#progress} callback (which the search makes
 * at most every few seconds, so short runs print nothing): states, states/s, the frontier (states
 * waiting to be expanded), depth, heap used / limit; and one line per liveness progress report.
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
        out.println(line(prefix, s, Memory.used(), Memory.limit()));
        out.flush();
    }

    @Override
    public void searchNote(String message) {
        out.println(prefix + message);
        out.flush();
    }

    @Override
    public void livenessProgress(String phase, double seconds) {
        out.println(String.format(Locale.ROOT, "%sliveness: %s, heap %s, %.0fs", prefix, phase,
                Memory.usedOfLimit(), seconds));
        out.flush();
    }

    static String line(String prefix, SearchStats s, long heapUsed, long heapLimit) {
        return String.format(Locale.ROOT, "%s%,d states, %,.0f states/s, frontier %,d, depth %d, heap %s, %.0fs",
                prefix, s.distinctStates(), s.statesPerSecond(), s.queued(), s.maxDepth(),
                Memory.format(heapUsed) + " / " + Memory.format(heapLimit), s.seconds());
    }
}
