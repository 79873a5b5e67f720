package tdxcheck.app.check;

import java.util.ArrayList;
import java.util.List;
import tdxcheck.core.engine.Trace;
import tdxcheck.core.spi.Attempt;
import tdxcheck.core.spi.Model;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.Step;

/**
 * Names, on every failed retry attempt of a lasso's cycle, who held what made it fail and since
 * which step: "BUSY|TD_EPOCH: epoch held shared by vcpu0 since step 4". The holder text comes from
 * the model ({@link Model#blockedBy}); "since" is the holder's last step before the attempt.
 */
final class BusyNotes {
    private BusyNotes() {
    }

    static Counterexample annotate(Model model, Trace t, Counterexample cx) {
        Integer loop = cx.loopBackIndex();
        if (loop == null) {
            return cx;
        }
        List<Step> steps = new ArrayList<>(cx.steps().size());
        boolean any = false;
        for (Step s : cx.steps()) {
            int i = s.index(); // 1-based: from state i-1 to state i
            String note = null;
            if (i > loop && i <= t.length()) {
                note = holderNote(model, t, i, s.outcome());
            }
            if (note != null) {
                any = true;
                String joined = s.note().isEmpty() ? note : note + "; " + s.note();
                steps.add(new Step(s.index(), s.actor(), s.action(), s.outcome(), s.changes(), s.locks(), joined));
            } else {
                steps.add(s);
            }
        }
        return any ? new Counterexample(cx.kind(), cx.summary(), cx.loopBackIndex(), cx.actors(), cx.initialState(),
                steps, cx.replay()) : cx;
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
