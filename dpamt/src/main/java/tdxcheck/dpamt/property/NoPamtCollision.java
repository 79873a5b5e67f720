package tdxcheck.dpamt.property;

import tdxcheck.core.property.TransitionCheck;
import tdxcheck.dpamt.PamtModel;

/**
 * PAMT.ADD/REMOVE of a 2M range and PAGE.AUG/REMOVE of a 4K page in it never BUSY each other
 * (tdx-facts §7b, "For the model": the global lock does not order them; whether they can collide
 * under KVM's ordering is UNCONFIRMED there).
 */
public record NoPamtCollision(PamtModel model) implements TransitionCheck {
    public static final String ID = "no-pamt-collision";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "PAMT.ADD/REMOVE of a 2M range and PAGE.AUG/REMOVE of a 4K page in it never make each other BUSY";
    }

    @Override
    public boolean allowed(long[] before, int action, long[] after) {
        return !model.collision(before, action);
    }
}
