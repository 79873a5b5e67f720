package tdxcheck.core.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tdxcheck.core.spi.Model;
import tdxcheck.core.property.PropertyKind;

/**
 * Rebuilds a counterexample from the search's parent pointers and makes it concrete.
 *
 * <p>The search explores canonical states, so the recorded actions are actions of canonical
 * states. The builder first recomputes the canonical path (canonical s0, then s(k+1) =
 * canonical(next(s(k), a(k)))), then replays concretely from the real initial state: at each step
 * it takes an enabled action of the concrete state whose successor canonicalises to s(k+1) (the
 * recorded action itself when it fits, which is always the case without symmetry). The result is
 * a real path of the model, even under symmetry reduction. Any inconsistency (no fitting action,
 * or an end state that does not canonicalise to the violating state the search saw) is an engine
 * or model bug and throws {@link IllegalStateException}.
 */
final class TraceBuilder {
    private TraceBuilder() {
    }

    /**
     * @param stateId     the id the path leads to
     * @param extraAction an action taken from that state at the end, or -1
     * @param expected    the canonical words of the violating (final) state as the search saw it
     */
    static Trace build(Model model, boolean symmetry, Parents parent, ActionChunks action, int stateId,
                       int extraAction, long[] expected, PropertyKind kind) {
        int len = 0;
        for (int id = stateId; parent.get(id) >= 0; id = parent.get(id)) {
            len++;
        }
        int root = stateId;
        int[] path = new int[len + (extraAction >= 0 ? 1 : 0)];
        int k = len;
        for (int id = stateId; parent.get(id) >= 0; id = parent.get(id)) {
            path[--k] = action.get(id);
            root = parent.get(id);
        }
        int initialIndex = action.get(root);
        if (extraAction >= 0) {
            path[len] = extraAction;
        }
        return concretize(model, symmetry, initialIndex, path, expected, kind);
    }

    static Trace concretize(Model model, boolean symmetry, int initialIndex, int[] canonicalActions, long[] expected,
                            PropertyKind kind) {
        int w = model.stateWords();
        int[] enabled = new int[Math.max(1, model.maxEnabled())];
        long[] canon = new long[w];
        long[] canonNext = new long[w];
        long[] concrete = new long[w];
        long[] candidate = new long[w];
        long[] candidateCanon = new long[w];
        model.initialState(initialIndex, concrete);
        System.arraycopy(concrete, 0, canon, 0, w);
        if (symmetry) {
            model.canonicalize(canon);
        }
        List<long[]> states = new ArrayList<>(canonicalActions.length + 1);
        states.add(concrete.clone());
        int[] actions = new int[canonicalActions.length];
        for (int step = 0; step < canonicalActions.length; step++) {
            int a = canonicalActions[step];
            int n = model.enabledActions(canon, enabled);
            if (!Replayer.contains(enabled, n, a)) {
                throw new IllegalStateException("trace rebuild: step " + (step + 1) + ": recorded action " + a
                        + " is not enabled in the canonical state");
            }
            model.next(canon, a, canonNext);
            if (symmetry) {
                model.canonicalize(canonNext);
            }
            n = model.enabledActions(concrete, enabled);
            int chosen = -1;
            if (Replayer.contains(enabled, n, a) && successorMatches(model, symmetry, concrete, a, canonNext,
                    candidate, candidateCanon)) {
                chosen = a;
            } else {
                for (int i = 0; i < n && chosen < 0; i++) {
                    if (successorMatches(model, symmetry, concrete, enabled[i], canonNext, candidate,
                            candidateCanon)) {
                        chosen = enabled[i];
                    }
                }
            }
            if (chosen < 0) {
                throw new IllegalStateException("trace rebuild: step " + (step + 1) + ": no enabled action of the"
                        + " concrete state leads to the recorded canonical successor (is "
                        + model.name() + "'s symmetry sound?)");
            }
            actions[step] = chosen;
            model.next(concrete, chosen, candidate);
            long[] t = concrete;
            concrete = candidate;
            candidate = t;
            states.add(concrete.clone());
            t = canon;
            canon = canonNext;
            canonNext = t;
        }
        long[] end = concrete.clone();
        if (symmetry) {
            model.canonicalize(end);
        }
        if (!Arrays.equals(end, expected)) {
            throw new IllegalStateException("trace rebuild: the replayed trace ends in " + Arrays.toString(end)
                    + " but the violating state is " + Arrays.toString(expected));
        }
        long[] replayed = Replayer.replay(model, initialIndex, actions);
        if (!Arrays.equals(replayed, concrete)) {
            throw new IllegalStateException("trace rebuild: replay is not deterministic");
        }
        return new Trace(kind, initialIndex, actions, states);
    }

    private static boolean successorMatches(Model model, boolean symmetry, long[] concrete, int a, long[] target,
                                            long[] scratch, long[] scratchCanon) {
        model.next(concrete, a, scratch);
        System.arraycopy(scratch, 0, scratchCanon, 0, scratch.length);
        if (symmetry) {
            model.canonicalize(scratchCanon);
        }
        return Arrays.equals(scratchCanon, target);
    }
}
