package tdxcheck.jpf;

import gov.nasa.jpf.annotation.FilterField;
import gov.nasa.jpf.vm.Verify;
import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tdxcheck.app.RunRequest;
import tdxcheck.app.Runner;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.ParamSpec;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Policy;
import tdxcheck.core.engine.SearchConfig;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.property.DeadlockFreedom;
import tdxcheck.core.property.Property;
import tdxcheck.core.property.StateInvariant;
import tdxcheck.core.property.TransitionCheck;
import tdxcheck.core.spi.Model;

/**
 * The program JPF runs: one thread that builds the model through the catalog and a
 * {@link RunRequest}, then loops over the model's steps, letting JPF choose each one with
 * {@code Verify.getIntFromList(enabled)} so that JPF's own search (state matching, backtracking,
 * error paths) explores the state space.
 *
 * <p>JPF matches states by hashing the whole heap and every static field. The counts equal
 * tdxcheck's own ({@code distinctStates} plus JPF's start-up states) only when:
 * <ul>
 *   <li>the model, properties and configuration are built once, before the first choice point,
 *   and kept in {@link FilterField} statics (not hashed);</li>
 *   <li>every class the search will use is loaded before the first choice point (a class loaded
 *   later changes the static area, so the same model state hashes differently before and after);</li>
 *   <li>each step applies into a fresh {@code long[]} and the previous one is not kept reachable
 *   (else every transition is a new JPF state);</li>
 *   <li>nothing builds, hashes or prints strings during the search, and the string given to
 *   {@code breakTransition} is a constant reachable from a static.</li>
 * </ul>
 * The action path lives in filtered statics too: JPF backtracks it with the heap but does not
 * hash it.
 *
 * <p>A violated safety property ends in an {@link AssertionError} whose message names the
 * property and carries the action path (JPF reports it as an uncaught exception). Each property
 * is reported once (a JPF counter, which lives outside the backtracked state), and at the
 * violation JPF also takes the other branch of a {@code Verify.getBoolean}, which continues the
 * search past the violating state as tdxcheck's engine does, so that no state is hidden behind a
 * violation. no-deadlock is this driver's own check: with one thread JPF's deadlock detection
 * sees nothing.
 *
 * <p>Arguments ({@code target.args}), each {@code key=value}: {@code catalog} (class name),
 * {@code scenario}, {@code param.NAME}, {@code axis.NAME}, {@code properties} ('+'-joined ids),
 * {@code symmetry} (true/false), {@code classes} (a file listing the classes to load first).
 */
public final class JpfDriver {
    /** Prefix of every violation message; {@link JpfStatsListener} parses what follows. */
    public static final String VIOLATION = "tdxcheck-violation";
    /**
     * The breakTransition reason: one object, created at class initialisation and reachable from
     * this static for the whole search. Not a compile-time constant: javac would inline it as an
     * {@code ldc}, whose string JPF creates when the instruction first runs, so states before and
     * after the first break would differ.
     */
    static final String STEP = String.valueOf(new char[] {'s', 't', 'e', 'p'});

    @FilterField
    private static Model model;
    @FilterField
    private static int words;
    @FilterField
    private static int maxEnabled;
    @FilterField
    private static boolean symmetry;
    @FilterField
    private static String[] propertyIds;
    @FilterField
    private static StateInvariant[] invariants;
    @FilterField
    private static int[] invariantProp;
    @FilterField
    private static TransitionCheck[] checks;
    @FilterField
    private static int[] checkProp;
    @FilterField
    private static int deadlockProp = -1;
    @FilterField
    private static int initial;
    @FilterField
    private static int[] path = new int[256];
    @FilterField
    private static int depth;

    private JpfDriver() {
    }

    public static void main(String[] args) throws IOException {
        setup(args);
        long[] s = start();
        while (s != null) {
            s = step(s);
        }
    }

    // ---------------------------------------------------------------- set-up (no choice point yet)

    private static void setup(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Catalog catalog;
        try {
            catalog = (Catalog) Class.forName(a.get("catalog")).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create catalog " + a.get("catalog"), e);
        }
        String scenario = a.get("scenario");
        Params params = catalog.scenario(scenario).defaults();
        Map<String, String> axes = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : a.entrySet()) {
            if (e.getKey().startsWith("param.")) {
                params = params.with(e.getKey().substring(6), value(catalog.param(e.getKey().substring(6)),
                        e.getValue()));
            } else if (e.getKey().startsWith("axis.")) {
                axes.put(e.getKey().substring(5), e.getValue());
            }
        }
        Policy policy = catalog.resolvePolicy(null, axes);
        List<String> props = List.of(a.get("properties").split("\\+"));
        RunRequest request = new RunRequest(catalog, scenario, params, policy, props, Fairness.defaultFairness(),
                SearchConfig.defaults(), null);
        CheckTarget target = Runner.target(request);

        model = target.model();
        words = model.stateWords();
        maxEnabled = Math.max(1, model.maxEnabled());
        symmetry = Boolean.parseBoolean(a.get("symmetry")) && model.hasSymmetry();
        List<Property> ps = target.properties();
        propertyIds = new String[ps.size()];
        List<StateInvariant> inv = new ArrayList<>();
        List<Integer> invIdx = new ArrayList<>();
        List<TransitionCheck> tc = new ArrayList<>();
        List<Integer> tcIdx = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            Property p = ps.get(i);
            propertyIds[i] = p.id();
            if (p instanceof StateInvariant s) {
                inv.add(s);
                invIdx.add(i);
            } else if (p instanceof TransitionCheck t) {
                tc.add(t);
                tcIdx.add(i);
            } else if (p instanceof DeadlockFreedom) {
                deadlockProp = i;
            }
        }
        invariants = inv.toArray(new StateInvariant[0]);
        invariantProp = ints(invIdx);
        checks = tc.toArray(new TransitionCheck[0]);
        checkProp = ints(tcIdx);

        if (a.containsKey("classes")) {
            loadClasses(a.get("classes"));
        }
        warmUp();
    }

    /** No streams or method references here: JPF's lambda support misses some of them. */
    private static int[] ints(List<Integer> l) {
        int[] v = new int[l.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = l.get(i);
        }
        return v;
    }

    /** A parameter's typed value (the parent process checked the text; JPF's String lacks strip()). */
    private static Object value(ParamSpec spec, String text) {
        return switch (spec.kind()) {
            case INT -> Integer.valueOf(text);
            case BOOL -> Boolean.valueOf(text);
            case CHOICE -> text;
        };
    }

    /** Loads and initialises every class named in {@code file}, one per line. */
    private static void loadClasses(String file) throws IOException {
        ClassLoader loader = JpfDriver.class.getClassLoader();
        try (BufferedReader r = new BufferedReader(new FileReader(file))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isEmpty()) { // JPF's String has no isBlank()/strip()
                    continue;
                }
                try {
                    Class.forName(line, true, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // a class the model never uses (or JPF cannot load): not needed for the search
                }
            }
        }
    }

    /**
     * Runs every code path the search runs (enabled actions, every successor, symmetry, every
     * property, the violation message) along a deterministic walk, so that lazily loaded JDK
     * classes and lazily filled caches are in place before the first choice point.
     */
    private static void warmUp() {
        long[] s = new long[words];
        model.initialState(0, s);
        int[] en = new int[maxEnabled];
        for (int step = 0; step < 512; step++) {
            int n = model.enabledActions(s, en);
            for (int actor = 0; actor < model.actorCount(); actor++) {
                model.isFinished(s, actor);
            }
            if (n == 0) {
                break;
            }
            long[] pick = null;
            for (int k = 0; k < n; k++) {
                long[] t = new long[words];
                model.next(s, en[k], t);
                if (symmetry) {
                    model.canonicalize(t);
                }
                for (TransitionCheck c : checks) {
                    c.allowed(s, en[k], t);
                }
                for (StateInvariant i : invariants) {
                    i.holds(t);
                }
                if (k == (step * 7) % n) {
                    pick = t;
                }
            }
            s = pick;
        }
        int[] saved = path;
        path = new int[] {0};
        depth = 1;
        if (propertyIds.length > 0) {
            message(0).length();
        }
        Arrays.fill(path, 0);
        path = saved;
        depth = 0;
    }

    // ---------------------------------------------------------------- the search

    private static long[] start() {
        int n = model.initialStateCount();
        initial = n == 1 ? 0 : Verify.getIntFromList(indices(n));
        long[] s = new long[words];
        model.initialState(initial, s);
        if (symmetry) {
            model.canonicalize(s);
        }
        for (int i = 0; i < invariants.length; i++) {
            if (!invariants[i].holds(s)) {
                violated(invariantProp[i]);
            }
        }
        return s;
    }

    private static int[] indices(int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    /** One model step from {@code s}, chosen by JPF; null at a terminal state. */
    private static long[] step(long[] s) {
        int[] enabled = new int[maxEnabled];
        int n = model.enabledActions(s, enabled);
        if (n == 0) {
            // a break with s still live: terminal states stay distinct JPF states (after main
            // returns, every end looks alike to JPF)
            Verify.breakTransition(STEP);
            terminal(s);
            return null;
        }
        int a = choose(enabled, n);
        long[] t = new long[words];
        model.next(s, a, t);
        if (symmetry) {
            model.canonicalize(t);
        }
        record(a);
        for (int i = 0; i < checks.length; i++) {
            if (!checks[i].allowed(s, a, t)) {
                violated(checkProp[i]);
            }
        }
        for (int i = 0; i < invariants.length; i++) {
            if (!invariants[i].holds(t)) {
                violated(invariantProp[i]);
            }
        }
        return t;
    }

    /** JPF's choice among the enabled actions; with one, a break so the state is still stored. */
    private static int choose(int[] enabled, int n) {
        if (n == 1) {
            Verify.breakTransition(STEP);
            return enabled[0];
        }
        return Verify.getIntFromList(Arrays.copyOf(enabled, n));
    }

    private static void terminal(long[] s) {
        if (deadlockProp < 0) {
            return;
        }
        for (int actor = 0; actor < model.actorCount(); actor++) {
            if (!model.isFinished(s, actor)) {
                violated(deadlockProp);
                return;
            }
        }
    }

    private static void record(int a) {
        if (depth == path.length) {
            path = Arrays.copyOf(path, path.length * 2);
        }
        path[depth++] = a;
    }

    /**
     * Property {@code p} fails here. Reported once per property (JPF's counters are not
     * backtracked); the error branch comes first so the error is reported at once, the other
     * branch continues the search past this state.
     */
    private static void violated(int p) {
        if (Verify.getCounter(p) != 0) {
            return;
        }
        Verify.setCounter(p, 1);
        if (Verify.getBoolean(false)) {
            throw new AssertionError(message(p));
        }
    }

    /** "tdxcheck-violation ID INITIAL a1 a2 ...": the property and the action path. */
    private static String message(int p) {
        StringBuilder sb = new StringBuilder(VIOLATION).append(' ').append(propertyIds[p]).append(' ')
                .append(initial);
        for (int i = 0; i < depth; i++) {
            sb.append(' ').append(path[i]);
        }
        return sb.toString();
    }
}
