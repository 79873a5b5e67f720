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
     * What hardware can do (the default of {@code no-busy-livelock}): weak fairness per actor,
     * plus strong fairness on success per actor (an actor whose retried attempt would succeed at
     * infinitely many states of the cycle succeeds infinitely often: the success edges marked by
     * {@link SuccessMarking}), on the graph of {@link MomentaryWindows} (a momentary hold closes
     * before the other actors take more than the window budget of steps).
     */
    HW("hw"),
    /**
     * Weak fairness: an actor enabled in every state of a cycle must take a step
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
        return HW;
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
