package tdxcheck.reports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.Step;

/**
 * What every renderer derives from a counterexample: the actor lanes, the lock lanes and the lock
 * owners in every state (state 0 is the initial state, state i the state after step i).
 *
 * <p>Lock owners come from {@link Step#locks()}; a lock missing there falls back to the state field
 * of the same name, then to free. "-" (or an empty owner) means free.
 */
public final class TraceView {
    /** The owner string of a free lock. */
    public static final String FREE = "-";
    private static final String LOCK_PREFIX = "lock.";

    private final Counterexample cx;
    private final List<String> actors;
    private final List<String> locks;
    private final List<Map<String, String>> owners;
    private final List<String> resources;
    private final List<Map<String, String>> holders;

    public TraceView(Counterexample cx) {
        this.cx = cx;
        Set<String> a = new LinkedHashSet<>(cx.actors());
        for (Step s : cx.steps()) {
            a.add(s.actor());
        }
        this.actors = List.copyOf(a);

        Set<String> l = new LinkedHashSet<>();
        for (String k : cx.initialState().keySet()) {
            if (k.startsWith(LOCK_PREFIX)) {
                l.add(k);
            }
        }
        for (Step s : cx.steps()) {
            l.addAll(s.locks().keySet());
        }
        this.locks = List.copyOf(l);

        List<Map<String, String>> o = new ArrayList<>(cx.steps().size() + 1);
        Map<String, String> state = new LinkedHashMap<>(cx.initialState());
        o.add(ownersIn(state, Map.of()));
        for (Step s : cx.steps()) {
            state.putAll(s.changes());
            o.add(ownersIn(state, s.locks()));
        }
        this.owners = Collections.unmodifiableList(o);

        Set<String> r = new LinkedHashSet<>(cx.initialResources().keySet());
        for (Step s : cx.steps()) {
            r.addAll(s.resources().keySet());
        }
        this.resources = List.copyOf(r);
        List<Map<String, String>> hs = new ArrayList<>(cx.steps().size() + 1);
        Map<String, String> held = new LinkedHashMap<>(cx.initialResources());
        hs.add(freeOrHeld(held));
        for (Step s : cx.steps()) {
            held.putAll(s.resources());
            hs.add(freeOrHeld(held));
        }
        this.holders = Collections.unmodifiableList(hs);
    }

    private Map<String, String> freeOrHeld(Map<String, String> held) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String lane : resources) {
            String v = held.get(lane);
            m.put(lane, isFree(v) ? FREE : v);
        }
        return Collections.unmodifiableMap(m);
    }

    private Map<String, String> ownersIn(Map<String, String> state, Map<String, String> stepLocks) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String lock : locks) {
            String v = stepLocks.get(lock);
            if (v == null) {
                v = state.get(lock);
            }
            m.put(lock, isFree(v) ? FREE : v);
        }
        return Collections.unmodifiableMap(m);
    }

    public Counterexample counterexample() {
        return cx;
    }

    /** Actor lanes: {@link Counterexample#actors()} in order, then any other actor that takes a step. */
    public List<String> actors() {
        return actors;
    }

    /** Lock lanes, full names ("lock.sept_tree"), in order of first appearance. */
    public List<String> locks() {
        return locks;
    }

    /** The model's resource lanes (no locks: a frozen entry, a window, a flag), in the model's order. */
    public List<String> resources() {
        return resources;
    }

    /** Holder of resource {@code lane} in state {@code i} (0 = initial), {@link #FREE} when free. */
    public String holder(int i, String lane) {
        return holders.get(i).get(lane);
    }

    public int stepCount() {
        return cx.steps().size();
    }

    /** Step {@code i}, 1-based position in the trace. */
    public Step step(int i) {
        return cx.steps().get(i - 1);
    }

    /** Owner of {@code lock} in state {@code i} (0 = initial), {@link #FREE} when free. */
    public String owner(int i, String lock) {
        return owners.get(i).get(lock);
    }

    /** The held locks of state {@code i}, short name to owner, in lane order. */
    public Map<String, String> held(int i) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : owners.get(i).entrySet()) {
            if (!FREE.equals(e.getValue())) {
                m.put(shortLock(e.getKey()), e.getValue());
            }
        }
        return m;
    }

    /** Locks held in state {@code i - 1} and free in state {@code i}: what step i released (short names). */
    public List<String> released(int i) {
        List<String> r = new ArrayList<>();
        for (String lock : locks) {
            if (!FREE.equals(owner(i - 1, lock)) && FREE.equals(owner(i, lock))) {
                r.add(shortLock(lock));
            }
        }
        return r;
    }

    /** True when {@code key} is a lock, shown with the locks rather than with the other state fields. */
    public boolean isLockField(String key) {
        return locks.contains(key);
    }

    /** Full state after step {@code i} (0 = initial). */
    public Map<String, String> stateAfter(int i) {
        Map<String, String> s = new LinkedHashMap<>(cx.initialState());
        for (int j = 1; j <= i; j++) {
            s.putAll(step(j).changes());
        }
        return s;
    }

    /** The loop-back step k of a lasso, clamped into 0..steps-1; -1 when not a lasso. */
    public int loopBack() {
        if (!cx.isLasso()) {
            return -1;
        }
        int k = cx.loopBackIndex();
        return Math.max(0, Math.min(k, Math.max(0, stepCount() - 1)));
    }

    /** "lock.entry[gpa0]" becomes "entry[gpa0]". */
    public static String shortLock(String lock) {
        return lock.startsWith(LOCK_PREFIX) ? lock.substring(LOCK_PREFIX.length()) : lock;
    }

    public static boolean isFree(String owner) {
        return owner == null || owner.isEmpty() || FREE.equals(owner);
    }

    /** An outcome containing "BUSY" is a BUSY return, e.g. "TDX_OPERAND_BUSY|TD_EPOCH". */
    public static boolean isBusy(String outcome) {
        return outcome != null && outcome.contains("BUSY");
    }
}
