package tdxcheck.core.engine;

/**
 * Per property: how many violations were found and the first one, as (state id, action, the
 * action's position among the enabled, the violating state's words). The path to the state, then
 * the action (-1 when the state itself violates: deadlock, or an invariant-breaking initial
 * state), so a violation never needs the id of a state not committed yet. Each worker keeps one;
 * the search merges them into its own at barriers.
 */
final class ViolationLog {
    final long[] count;
    final int[] state;
    final int[] action;
    final int[] ord;
    final long[][] words;

    ViolationLog(int properties) {
        count = new long[properties];
        state = new int[properties];
        action = new int[properties];
        ord = new int[properties];
        words = new long[properties][];
    }

    /** Records a violation of property {@code p}; true when it is the first in this log. */
    boolean record(int p, int stateId, int act, int o, long[] st) {
        if (count[p]++ == 0) {
            state[p] = stateId;
            action[p] = act;
            ord[p] = o;
            words[p] = st.clone();
            return true;
        }
        return false;
    }

    /**
     * Adds {@code w}'s violations of {@code p} and clears them there. The first violation kept is
     * the one a one-by-one BFS meets first: the lower state id, then the lower action position.
     */
    void absorb(ViolationLog w, int p) {
        if (w.count[p] == 0) {
            return;
        }
        count[p] += w.count[p];
        if (words[p] == null || w.state[p] < state[p] || (w.state[p] == state[p] && w.ord[p] < ord[p])) {
            state[p] = w.state[p];
            action[p] = w.action[p];
            ord[p] = w.ord[p];
            words[p] = w.words[p];
        }
        w.count[p] = 0;
        w.words[p] = null;
    }
}
