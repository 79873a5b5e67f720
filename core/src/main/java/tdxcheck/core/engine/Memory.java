package tdxcheck.core.engine;

import java.util.Locale;

/**
 * The JVM heap as a user sees it: used and limit, in words a progress line and an out-of-memory
 * reason can print. Read on the rare path only (progress, bound hits), never per transition.
 */
public final class Memory {
    /** What an out-of-memory INCONCLUSIVE tells the user to do. */
    public static final String MORE_MEMORY_HINT = "give the JVM more heap: TDXCHECK_HEAP_PERCENT=90 or "
            + "TDXCHECK_JAVA_OPTS=-Xmx20g (launcher), or add --disk DIR";

    private Memory() {
    }

    /** Heap in use now (bytes). */
    public static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The heap limit (-Xmx, or the launcher's share of the machine). */
    public static long limit() {
        return Runtime.getRuntime().maxMemory();
    }

    /** {@code "1.2 GiB / 18.0 GiB"}. */
    public static String usedOfLimit() {
        return format(used()) + " / " + format(limit());
    }

    /** The reason of an out-of-memory stop: how much the run had and how to give it more. */
    public static String outOfMemoryReason() {
        return "out of memory (heap limit " + format(limit()) + "; " + MORE_MEMORY_HINT + ")";
    }

    /** Bytes as MiB or GiB with one decimal. */
    public static String format(long bytes) {
        double mib = bytes / (1024.0 * 1024.0);
        return mib >= 1024 ? String.format(Locale.ROOT, "%.1f GiB", mib / 1024)
                : String.format(Locale.ROOT, "%.0f MiB", mib);
    }
}
