package tdxcheck.tdbuild.property;

import tdxcheck.core.property.TransitionCheck;
import tdxcheck.tdbuild.BuildModel;
import tdxcheck.tdbuild.BuildWords;
import tdxcheck.tdbuild.Op;
import tdxcheck.tdbuild.OpKind;

/**
 * KVM issues no build SEAMCALL (VP.CREATE/ADDCX/INIT, PAGE.ADD, MR.EXTEND) once TDH.MR.FINALIZE
 * has made the TD RUNNABLE: its "RUNNABLE -> -EINVAL" checks must not be stale. What the module
 * answers to such a call is not modelled; the check-then-act race is KVM's either way.
 */
public record NoBuildAfterFinalize(BuildModel model) implements TransitionCheck {
    public static final String ID = "no-build-after-finalize";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "no VP.CREATE/ADDCX/INIT, PAGE.ADD or MR.EXTEND is issued after TDH.MR.FINALIZE made the TD RUNNABLE";
    }

    @Override
    public boolean allowed(long[] before, int action, long[] after) {
        Op op = model.nextOp(before, action);
        return !(op.kind() == OpKind.SEAMCALL && op.call().isBuildStep() && BuildWords.td(before) == BuildWords.RUNNABLE);
    }
}
