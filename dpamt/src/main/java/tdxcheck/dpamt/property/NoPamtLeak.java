package tdxcheck.dpamt.property;

import tdxcheck.core.property.StateInvariant;
import tdxcheck.dpamt.PamtModel;
import tdxcheck.dpamt.PamtWords;
import tdxcheck.dpamt.Step;

/**
 * The refcount matches the module: outside a transition (an ADD not yet counted, a 1 -> 0 not yet
 * removed), a range's count is the number of threads holding a reference, and the range has its
 * PAMT page pair exactly when the count is positive. A failed put that restores the count leaves
 * a reference nobody holds: a leak.
 */
public record NoPamtLeak(PamtModel model) implements StateInvariant {
    public static final String ID = "no-pamt-leak";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "outside a 0<->1 transition, refcount = references held, and PAMT pages present iff refcount > 0";
    }

    @Override
    public boolean holds(long[] s) {
        int ranges = model.shape().ranges();
        for (int r = 0; r < ranges; r++) {
            int owners = 0;
            boolean transition = false;
            for (int u = 0; u < model.shape().threads(); u++) {
                if (model.shape().rangeOf(u) != r) {
                    continue;
                }
                Step st = PamtWords.step(s, u);
                owners += st.ownsRef() ? 1 : 0;
                transition |= st.inTransition();
            }
            int ref = PamtWords.ref(s, r);
            if (!transition && (ref != owners || PamtWords.pamt(s, r) != (ref > 0))) {
                return false;
            }
        }
        return true;
    }
}
