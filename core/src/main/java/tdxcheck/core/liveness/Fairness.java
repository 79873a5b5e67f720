package tdxcheck.core.liveness;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Fairness assumption per actor for liveness checking. An actor is <em>enabled</em> in a state
 * iff the state has at least one outgoing edge of that actor in the full state graph.
 */
public enum Fairness {
    /**
     * Weak fairness (the default): an actor enabled in every state of a cycle must take a step
     * (an edge of that actor) in the cycle.
     */
    WEAK("weak"),
    /** Strong fairness: an actor enabled in some state of a cycle must take a step in the cycle. */
    STRONG("strong"),
    /** No fairness: every cycle counts. */
    NONE("none");

    private final String id;

    Fairness(String id) {
        this.id = id;
    }

    /** The id used by the CLI {@code --fairness} flag and in JSON. */
    public String id() {
        return id;
    }

    /** The default fairness of {@code no-busy-livelock}. */
    public static Fairness defaultFairness() {
        return WEAK;
    }

    /**
     * The fairness with this id (case-insensitive, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException with a one-line message naming the valid ids
     */
    public static Fairness fromId(String id) {
        if (id != null) {
            String key = id.strip().toLowerCase(Locale.ROOT);
            for (Fairness f : values()) {
                if (f.id.equals(key)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown fairness '" + id + "' (expected one of: "
                + Arrays.stream(values()).map(Fairness::id).collect(Collectors.joining(", ")) + ")");
    }
}
