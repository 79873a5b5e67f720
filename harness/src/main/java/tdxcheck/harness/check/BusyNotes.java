package tdxcheck.harness.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tdxcheck.harness.engine.Trace;
import tdxcheck.model.spi.Attempt;
import tdxcheck.model.spi.Model;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.Step;

/**
 * Names, on every failed retry attempt of a lasso's cycle, who held what made it fail and since
 * which step: "BUSY|TD_EPOCH: epoch held shared by vcpu0 since step 4". The holder text comes from
 * the model ({@link Model#blockedBy}); "since" is the first step of the run of states, ending
 * just before the attempt, in which the model names the same holder.
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
        int since = i - 1;
        while (since > 0 && Objects.equals(holder, model.blockedBy(t.state(since - 1), action))) {
            since--;
        }
        String code = outcome.startsWith("TDX_OPERAND_") ? outcome.substring("TDX_OPERAND_".length()) : outcome;
        int cut = code.indexOf(" =>");
        if (cut >= 0) {
            code = code.substring(0, cut);
        }
        return (code.isEmpty() ? "" : code + ": ") + holder
                + (since == 0 ? " since the initial state" : " since step " + since);
    }
}
