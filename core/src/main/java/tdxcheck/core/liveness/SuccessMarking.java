package tdxcheck.core.liveness;

import java.util.Objects;
import tdxcheck.core.spi.Attempt;
import tdxcheck.core.spi.Model;
import tdxcheck.core.property.LivenessProperty;

/**
 * A liveness property as the hw search sees it: the same operations, pending and progress masks,
 * and bits {@link StateGraph#SUCCESS_MASK} (1 + the site) on every edge that is a successful attempt of a retried
 * operation ({@link Model#attemptOutcome}). The success edges are what strong fairness on success
 * ({@link Fairness#HW}) is about; the actor of the edge says whose attempt it is, so the events
 * are per actor and site and move with the symmetry like the actors do. No allocation.
 */
public final class SuccessMarking implements LivenessProperty {
    private final LivenessProperty inner;
    private final Model model;

    public SuccessMarking(LivenessProperty inner, Model model) {
        this.inner = Objects.requireNonNull(inner, "property");
        this.model = Objects.requireNonNull(model, "model");
        if (inner.operationCount() > StateGraph.SUCCESS_SHIFT) {
            throw new IllegalArgumentException("fairness hw needs at most " + StateGraph.SUCCESS_SHIFT
                    + " operations, " + inner.id() + " has " + inner.operationCount());
        }
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public String description() {
        return inner.description();
    }

    @Override
    public int operationCount() {
        return inner.operationCount();
    }

    @Override
    public String operationName(int op) {
        return inner.operationName(op);
    }

    @Override
    public int pendingMask(long[] state) {
        return inner.pendingMask(state);
    }

    @Override
    public int progressMask(long[] before, int action, long[] after) {
        int m = inner.progressMask(before, action, after);
        int o = model.attemptOutcome(before, action, after);
        return Attempt.succeeded(o) ? m | ((Attempt.site(o) + 1) << StateGraph.SUCCESS_SHIFT) : m;
    }

    /** The actors a {@link MomentaryWindows} model holds back (none for another model). */
    @Override
    public long waitingActors(long[] state) {
        return model instanceof MomentaryWindows mw ? mw.waitingActors(state) : 0L;
    }

    @Override
    public boolean symmetric() {
        return inner.symmetric();
    }

    @Override
    public int permuteOperation(int op, int p) {
        return inner.permuteOperation(op, p);
    }
}
