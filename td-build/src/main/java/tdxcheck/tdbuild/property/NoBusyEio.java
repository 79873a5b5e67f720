package tdxcheck.tdbuild.property;

import tdxcheck.core.property.TransitionCheck;
import tdxcheck.tdbuild.BuildModel;
import tdxcheck.tdbuild.Handling;

/**
 * No build ioctl fails with -EIO because of contention alone: 6.16 maps any TDH.MR.EXTEND error to
 * -EIO (tdx-facts §7c.2), so a BUSY there fails the VMM's build though nothing was wrong.
 */
public record NoBusyEio(BuildModel model) implements TransitionCheck {
    public static final String ID = "no-busy-eio";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "no build ioctl fails with -EIO because a SEAMCALL met TDX_OPERAND_BUSY";
    }

    @Override
    public boolean allowed(long[] before, int action, long[] after) {
        return model.busyHandling(before, action) != Handling.EIO;
    }
}
