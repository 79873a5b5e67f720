package tdxcheck.app.check;

import tdxcheck.core.engine.Trace;
import tdxcheck.core.spi.Attempt;
import tdxcheck.core.spi.Model;

/**
 * Names, on every failed retry attempt of a trace (a path or a lasso), who held what made it fail and since
 * which step: "BUSY|TD_EPOCH: epoch held shared by vcpu0 since step 4". The holder text comes from
 * the model ({@link Model#blockedBy}); "since" is the holder's last step before the attempt.
 */
final class BusyNotes {
    private BusyNotes() {
    }

    /**
     * The holder note of step {@code i} (1-based, from state i-1 to state i) of {@code t}, or
     * null when the step is no failed attempt or the model cannot say who blocked it.
     */
    static String note(Model model, Trace t, int i) {
        String outcome = model.describe(t.state(i - 1), t.action(i - 1), t.state(i)).outcome();
        return holderNote(model, t, i, outcome);
    }

    private static String holderNote(Model model, Trace t, int i, String outcome) {
        long[] before = t.state(i - 1);
        int action = t.action(i - 1);
        if (!Attempt.failed(model.attemptOutcome(before, action, t.state(i)))) {
            return null;
        }
        String holder = model.blockedBy(before, action);
        if (holder == null) {
            return null;
        }
        int since = sinceStep(model, t, i, holder);
        String code = outcome.startsWith("TDX_OPERAND_") ? outcome.substring("TDX_OPERAND_".length()) : outcome;
        int cut = code.indexOf(" =>");
        if (cut >= 0) {
            code = code.substring(0, cut);
        }
        return (code.isEmpty() ? "" : code + ": ") + holder
                + (since <= 0 ? "" : " since step " + since);
    }

    /**
     * The step at which the holder took what it holds: the latest step before {@code i} of an
     * actor the holder text names after " by " (the earliest of those if it names several); 0 if
     * none is found. A momentary hold's last step is its acquire step.
     */
    private static int sinceStep(Model model, Trace t, int i, String holder) {
        int by = holder.lastIndexOf(" by ");
        if (by < 0) {
            return 0;
        }
        int since = Integer.MAX_VALUE;
        for (String name : holder.substring(by + 4).split(",")) {
            int last = 0;
            for (int j = i - 1; j >= 1; j--) {
                if (model.actorName(model.actorOf(t.action(j - 1))).equals(name.strip())) {
                    last = j;
                    break;
                }
            }
            since = Math.min(since, last);
        }
        return since == Integer.MAX_VALUE ? 0 : since;
    }
}
