package tdxcheck.app.check;

import tdxcheck.core.engine.Trace;
import tdxcheck.core.spi.Model;
import tdxcheck.reports.Preempted;

/**
 * Finds the preempted stretches of a trace ({@link Preempted}): an actor with an enabled action
 * before each of at least {@link Preempted#MIN_STEPS} consecutive steps that all belong to other
 * actors. A finished actor, or one that cannot step (a guest while its vCPU is in KVM), is not
 * preempted: it has nothing to run.
 */
final class PreemptionNotes {
    private PreemptionNotes() {
    }

    /** The notes per step, index i-1 for step i (null where none). */
    static String[] notes(Model model, Trace t) {
        int n = t.length();
        int actors = model.actorCount();
        boolean[][] ready = new boolean[n][actors];
        int[] buf = new int[Math.max(1, model.maxEnabled())];
        for (int i = 0; i < n; i++) {
            int k = model.enabledActions(t.state(i), buf);
            for (int j = 0; j < k; j++) {
                ready[i][model.actorOf(buf[j])] = true;
            }
        }
        String[] notes = new String[n];
        for (int a = 0; a < actors; a++) {
            int start = -1;
            for (int i = 0; i <= n; i++) {
                boolean still = i < n && ready[i][a] && model.actorOf(t.action(i)) != a;
                if (still) {
                    if (start < 0) {
                        start = i;
                    }
                    continue;
                }
                if (start >= 0 && i - start >= Preempted.MIN_STEPS) {
                    // steps are 1-based: the stretch is steps start+1..i; the note goes on the
                    // actor's resuming step i+1 when it resumes, else on step i
                    boolean resumes = i < n && model.actorOf(t.action(i)) == a;
                    int at = resumes ? i : i - 1;
                    String text = new Preempted(model.actorName(a), start + 1, i).note();
                    notes[at] = notes[at] == null ? text : notes[at] + "; " + text;
                }
                start = -1;
            }
        }
        return notes;
    }
}
