package tdxcheck.app.check;

import java.util.LinkedHashMap;
import java.util.Map;
import tdxcheck.core.spi.Attempt;
import tdxcheck.core.spi.Model;
import tdxcheck.core.spi.StepLabel;
import tdxcheck.core.property.LivenessProperty;

/**
 * Test fixture: the zap-vs-running shape without TDX. Two "vcpu" actors loop RUN -> ENTER (a
 * momentary window holding a shared lock) -> GUEST -> RUN; a "zap" tries the lock exclusively
 * and is done when it gets it. Two overlapping windows can keep the lock held forever, but only
 * if one vcpu stays in its window while the other makes a whole round trip (three steps).
 * State: one word, 2 bits of pc per vcpu, bit 4: zap done.
 */
final class WindowSpin implements Model {
    static final int RUN = 0;
    static final int ENTER = 1;
    static final int GUEST = 2;

    static int pc(long[] s, int v) {
        return (int) (s[0] >>> (2 * v)) & 3;
    }

    static boolean zapDone(long[] s) {
        return (s[0] & 16) != 0;
    }

    @Override
    public String name() {
        return "fixture:window-spin";
    }

    @Override
    public int stateWords() {
        return 1;
    }

    @Override
    public int actorCount() {
        return 3;
    }

    @Override
    public String actorName(int actor) {
        return actor == 2 ? "zap" : "vcpu" + actor;
    }

    @Override
    public int initialStateCount() {
        return 1;
    }

    @Override
    public void initialState(int index, long[] out) {
        out[0] = 0;
    }

    @Override
    public int maxEnabled() {
        return 3;
    }

    @Override
    public int enabledActions(long[] s, int[] out) {
        int n = 0;
        out[n++] = 0;
        out[n++] = 1;
        if (!zapDone(s)) {
            out[n++] = 2;
        }
        return n;
    }

    @Override
    public void next(long[] s, int action, long[] out) {
        out[0] = s[0];
        if (action == 2) {
            if (pc(s, 0) != ENTER && pc(s, 1) != ENTER) {
                out[0] |= 16;
            }
            return;
        }
        int v = action;
        int next = (pc(s, v) + 1) % 3;
        out[0] = (out[0] & ~(3L << (2 * v))) | ((long) next << (2 * v));
    }

    @Override
    public int actorOf(int action) {
        return action;
    }

    @Override
    public boolean isFinished(long[] s, int actor) {
        return actor == 2 && zapDone(s);
    }

    @Override
    public boolean hasMomentaryWindows() {
        return true;
    }

    @Override
    public boolean inMomentaryWindow(long[] s, int actor) {
        return actor < 2 && pc(s, actor) == ENTER;
    }

    @Override
    public int attemptOutcome(long[] before, int action, long[] after) {
        if (action != 2) {
            return Attempt.NONE;
        }
        return zapDone(after) ? Attempt.succeeds(0) : Attempt.fails(0);
    }

    @Override
    public StepLabel describe(long[] before, int action, long[] after) {
        return new StepLabel(actorName(action) + " step", "");
    }

    @Override
    public Map<String, String> fields(long[] s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("pc0", Integer.toString(pc(s, 0)));
        m.put("pc1", Integer.toString(pc(s, 1)));
        m.put("zap", zapDone(s) ? "done" : "trying");
        return m;
    }

    /** One operation: the zap. */
    LivenessProperty zapCompletes() {
        return new LivenessProperty() {
            @Override
            public String id() {
                return "zap-completes";
            }

            @Override
            public String description() {
                return "the zap gets the lock";
            }

            @Override
            public int operationCount() {
                return 1;
            }

            @Override
            public String operationName(int op) {
                return "zap";
            }

            @Override
            public int pendingMask(long[] s) {
                return zapDone(s) ? 0 : 1;
            }

            @Override
            public int progressMask(long[] before, int action, long[] after) {
                return 0;
            }
        };
    }
}
