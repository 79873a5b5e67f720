package tdxcheck.core.liveness;

import java.util.ArrayList;
import java.util.List;

/**
 * Under which fairness assumptions a liveness property is decided, the first deciding the
 * verdict ({@code --fairness hw,weak}), and the momentary-window budget of {@link Fairness#HW}
 * ({@code --window-steps}).
 *
 * <p>Why the budget defaults to 2: a momentary window (a try-lock held inside one SEAMCALL) lasts
 * a few hundred cycles, about as long as one modelled step of another actor (one SEAMCALL attempt
 * or one KVM check). One step is the least that lets another actor meet the hold at all (the BUSY
 * the model is about); two also let two other actors both meet it, or one actor meet it, return
 * and retry. A full round trip of another vCPU (enter, guest exit, re-enter: four steps) or a
 * complete SEAMCALL of the zap plus a retry does not fit, and that is the schedule real hardware
 * cannot produce.
 */
public record FairnessPlan(List<Fairness> modes, int windowSteps) {
    /** The default budget of a momentary window, in steps of the other actors. */
    public static final int DEFAULT_WINDOW_STEPS = 2;

    public FairnessPlan {
        if (modes == null || modes.isEmpty()) {
            throw new IllegalArgumentException("at least one fairness");
        }
        modes = List.copyOf(modes);
        if (modes.stream().distinct().count() != modes.size()) {
            throw new IllegalArgumentException("fairness listed twice: " + ids(modes));
        }
        if (windowSteps < 1 || windowSteps > 255) {
            throw new IllegalArgumentException("--window-steps must be in 1..255, got " + windowSteps);
        }
    }

    /** One fairness, the default window budget. */
    public static FairnessPlan of(Fairness f) {
        return new FairnessPlan(List.of(f), DEFAULT_WINDOW_STEPS);
    }

    /**
     * A comma-separated list of fairness ids ({@code hw,weak}).
     *
     * @throws IllegalArgumentException with a one-line message
     */
    public static FairnessPlan parse(String list, int windowSteps) {
        List<Fairness> modes = new ArrayList<>();
        for (String part : (list == null ? "" : list).split(",", -1)) {
            modes.add(Fairness.fromId(part));
        }
        return new FairnessPlan(modes, windowSteps);
    }

    /** The fairness the verdict is decided under. */
    public Fairness primary() {
        return modes.get(0);
    }

    public boolean includes(Fairness f) {
        return modes.contains(f);
    }

    /** E.g. {@code hw,weak}. */
    public String id() {
        return ids(modes);
    }

    private static String ids(List<Fairness> modes) {
        return String.join(",", modes.stream().map(Fairness::id).toList());
    }
}
