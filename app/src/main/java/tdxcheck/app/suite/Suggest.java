package tdxcheck.app.suite;

import java.util.Collection;
import org.apache.commons.lang3.StringUtils;

/** "Did you mean": the nearest valid name by Levenshtein distance (commons-lang3), if one is close. */
public final class Suggest {
    private Suggest() {
    }

    /**
     * The candidate nearest to {@code typed}, or null when none is close: within an edit distance
     * of a third of the longer name (at least 2), or the only candidate that starts with it.
     */
    @SuppressWarnings("deprecation") // StringUtils.getLevenshteinDistance: commons-text is not a dependency
    public static String nearest(String typed, Collection<String> candidates) {
        String t = typed.toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int limit = Math.max(2, Math.max(t.length(), c.length()) / 3);
            int d = StringUtils.getLevenshteinDistance(t, c.toLowerCase(java.util.Locale.ROOT), limit);
            if (d >= 0 && d < bestD) {
                best = c;
                bestD = d;
            }
        }
        if (best != null) {
            return best;
        }
        String prefixed = null;
        for (String c : candidates) {
            if (!t.isEmpty() && c.startsWith(t)) {
                if (prefixed != null) {
                    return null;
                }
                prefixed = c;
            }
        }
        return prefixed;
    }

    /** "; did you mean 'x'?" or " (known: a, b, c)". */
    public static String hint(String typed, Collection<String> candidates) {
        String n = nearest(typed, candidates);
        return n != null ? "; did you mean '" + n + "'?" : " (known: " + String.join(", ", candidates) + ")";
    }
}
