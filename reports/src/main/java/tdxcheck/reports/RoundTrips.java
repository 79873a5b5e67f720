package tdxcheck.reports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tdxcheck.reports.result.Step;

/**
 * Repeated round trips in a trace, for folding: a block of consecutive steps that the next steps
 * repeat (same actor, action and outcome, step by step) one or more times, e.g. a vCPU that
 * enters, exits and re-enters while another one waits. A fold never crosses the start of a
 * lasso's cycle. Found greedily from the first step: at each step the block that hides the most
 * steps (then the shortest block), else the step is kept.
 */
final class RoundTrips {
    /** Longest block looked for. */
    private static final int MAX_PERIOD = 12;
    /** A fold must hide at least this many steps to be worth a line. */
    private static final int MIN_HIDDEN = 3;

    /**
     * Steps {@code first .. first + period - 1} are shown; the next {@code repeats * period} steps
     * repeat them and are hidden.
     */
    record Fold(int first, int period, int repeats) {
        int hiddenFrom() {
            return first + period;
        }

        int hiddenTo() {
            return first + period * (repeats + 1) - 1;
        }
    }

    private RoundTrips() {
    }

    /** The folds of {@code steps} (1-based step numbers), the cycle starting after {@code loopBack} (-1: no cycle). */
    static List<Fold> find(List<Step> steps, int loopBack) {
        int n = steps.size();
        String[] sig = new String[n + 1];
        for (int i = 1; i <= n; i++) {
            Step s = steps.get(i - 1);
            sig[i] = s.actor() + '\u0000' + s.action() + '\u0000' + s.outcome();
        }
        List<Fold> folds = new ArrayList<>();
        int i = 1;
        while (i <= n) {
            int limit = loopBack >= 0 && i <= loopBack ? loopBack : n; // stay on this side of the cycle start
            Fold best = null;
            for (int k = 1; k <= MAX_PERIOD && i + 2 * k - 1 <= limit; k++) {
                int r = 0;
                while (i + (r + 2) * k - 1 <= limit && same(sig, i, i + (r + 1) * k, k)) {
                    r++;
                }
                if (r > 0 && r * k >= MIN_HIDDEN && (best == null || r * k > best.repeats() * best.period())) {
                    best = new Fold(i, k, r);
                }
            }
            if (best == null) {
                i++;
            } else {
                folds.add(best);
                i = best.hiddenTo() + 1;
            }
        }
        return folds;
    }

    private static boolean same(String[] sig, int a, int b, int k) {
        for (int j = 0; j < k; j++) {
            if (!sig[a + j].equals(sig[b + j])) {
                return false;
            }
        }
        return true;
    }

    /** "vcpu1, guest1 repeat steps 5-8 5 more times (steps 9-28)". */
    static String describe(Fold f, List<Step> steps) {
        Set<String> actors = new LinkedHashSet<>();
        for (int j = f.first(); j < f.first() + f.period(); j++) {
            actors.add(steps.get(j - 1).actor());
        }
        String block = f.period() == 1 ? "step " + f.first() : "steps " + f.first() + "-" + (f.hiddenFrom() - 1);
        return String.join(", ", actors) + (actors.size() == 1 ? " repeats " : " repeat ") + block + " "
                + f.repeats() + (f.repeats() == 1 ? " more time" : " more times") + " (steps " + f.hiddenFrom() + "-"
                + f.hiddenTo() + "; every step: tdxcheck report --full-trace)";
    }
}
