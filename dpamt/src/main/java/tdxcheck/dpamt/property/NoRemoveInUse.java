package tdxcheck.dpamt.property;

import tdxcheck.core.property.StateInvariant;
import tdxcheck.dpamt.PamtModel;
import tdxcheck.dpamt.PamtWords;

/** No range loses its PAMT page pair while a thread holds a reference on it (REMOVE of a range in use). */
public record NoRemoveInUse(PamtModel model) implements StateInvariant {
    public static final String ID = "no-remove-in-use";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "no 2M range is without its PAMT page pair while a thread holds a reference on it";
    }

    @Override
    public boolean holds(long[] s) {
        for (int u = 0; u < model.shape().threads(); u++) {
            if (PamtWords.step(s, u).ownsRef() && !PamtWords.pamt(s, model.shape().rangeOf(u))) {
                return false;
            }
        }
        return true;
    }
}
