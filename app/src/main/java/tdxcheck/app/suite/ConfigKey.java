package tdxcheck.app.suite;

import java.util.ArrayList;
import java.util.List;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.catalog.AxisSpec;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.ParamSpec;
import tdxcheck.core.catalog.Preset;
import tdxcheck.core.spi.ModelException;
import tdxcheck.core.catalog.Described;
import tdxcheck.core.catalog.Scenario;
import tdxcheck.reports.result.Verdict;

/**
 * The one catalogue of configuration keys: suite files are parsed against it, command-line
 * options map onto it, {@code --print-config} prints it, and docs/suites.md documents it (a test
 * keeps the two in step). Each key has a name, a type (which also parses and checks a value), a
 * default and a one-line doc. {@code expect.<property>} is a family: one key per property.
 */
public final class ConfigKey {
    /** Value types; {@link #expected} is what an error message says was expected. */
    public enum Type {
        SCENARIO("a scenario id"),
        PRESET("a policy preset id"),
        /** A policy axis of the family ({@link AxisSpec}). */
        AXIS("a policy id of the axis"),
        /** A scenario parameter of the family ({@link ParamSpec}). */
        PARAM("a value of the parameter"),
        PROPERTIES("'all' or a comma-separated list of property ids"),
        FAIRNESS("hw, weak, strong or none, or a comma-separated list (hw,weak: the first gives the verdict)"),
        WINDOW("an integer in 1..255"),
        BOUND("a positive integer or 'unbounded'"),
        SECONDS("a positive number of seconds or 'unbounded'"),
        VERDICT("HOLDS, VIOLATED or INCONCLUSIVE");

        private final String expected;

        Type(String expected) {
            this.expected = expected;
        }

        public String expected() {
            return expected;
        }
    }

    /** Prefix of the expectation family: {@code expect.no-zero-step = VIOLATED}. */
    public static final String EXPECT_PREFIX = "expect.";
    /** The value of {@link #PROPERTIES} meaning every property of the scenario. */
    public static final String ALL = "all";
    /** The value of a bound meaning no bound. */
    public static final String UNBOUNDED = "unbounded";

    public static final ConfigKey SCENARIO = new ConfigKey("scenario", Type.SCENARIO, "(required)",
            "the scenario to check", "--scenario");
    public static final ConfigKey POLICY = new ConfigKey("policy", Type.PRESET, "upstream",
            "a policy preset: sets every axis", "--policy");
    public static final ConfigKey PROPERTIES = new ConfigKey("properties", Type.PROPERTIES, ALL,
            "the properties to check", "--property");
    public static final ConfigKey FAIRNESS = new ConfigKey("fairness", Type.FAIRNESS, "hw",
            "fairness for no-busy-livelock", "--fairness");
    public static final ConfigKey WINDOW_STEPS = new ConfigKey("window-steps", Type.WINDOW,
            Integer.toString(tdxcheck.core.liveness.FairnessPlan.DEFAULT_WINDOW_STEPS),
            "fairness hw: steps the other actors may take inside a momentary lock hold", "--window-steps");
    public static final ConfigKey MAX_STATES = new ConfigKey("max-states", Type.BOUND, UNBOUNDED,
            "stop after N distinct states (INCONCLUSIVE)", "--max-states");
    public static final ConfigKey MAX_DEPTH = new ConfigKey("max-depth", Type.BOUND, UNBOUNDED,
            "do not expand states at depth N (INCONCLUSIVE)", "--max-depth");
    public static final ConfigKey TIME_LIMIT = new ConfigKey("time-limit", Type.SECONDS, UNBOUNDED,
            "time budget in seconds (INCONCLUSIVE)", "--time-limit");
    /** The family {@code expect.<property>}; {@link #name()} is the pattern. */
    public static final ConfigKey EXPECT = new ConfigKey(EXPECT_PREFIX + "<property>", Type.VERDICT, "(none)",
            "the verdict this property must have; verify exits 1 when it differs", null);

    /**
     * Every key of {@code catalog}'s family, in the order --print-config and the docs list them:
     * scenario, policy, one key per policy axis, one per scenario parameter, then the rest. The
     * axis and parameter keys come from the family's {@link AxisSpec} and {@link ParamSpec}.
     */
    public static List<ConfigKey> all(Catalog catalog) {
        List<ConfigKey> l = new ArrayList<>(List.of(SCENARIO, POLICY));
        for (AxisSpec a : catalog.axes()) {
            l.add(axis(a));
        }
        for (ParamSpec p : catalog.params()) {
            l.add(param(p));
        }
        l.addAll(List.of(PROPERTIES, FAIRNESS, WINDOW_STEPS, MAX_STATES, MAX_DEPTH, TIME_LIMIT, EXPECT));
        return l;
    }

    /** The key of a policy axis: it replaces the preset's choice on that axis. */
    public static ConfigKey axis(AxisSpec a) {
        return new ConfigKey(a.name(), Type.AXIS, "(the preset's)", "the " + a.doc() + "; replaces the preset's",
                a.option(), a, null);
    }

    /** The key of a scenario parameter: its default is the scenario's. */
    public static ConfigKey param(ParamSpec p) {
        return new ConfigKey(p.name(), Type.PARAM, "(per scenario)", p.doc(), p.option(), null, p);
    }

    private final String name;
    private final Type type;
    private final String defaultValue;
    private final String doc;
    private final String option;
    /** For an AXIS key, else null. */
    private final AxisSpec axis;
    /** For a PARAM key, else null. */
    private final ParamSpec param;

    private ConfigKey(String name, Type type, String defaultValue, String doc, String option) {
        this(name, type, defaultValue, doc, option, null, null);
    }

    private ConfigKey(String name, Type type, String defaultValue, String doc, String option, AxisSpec axis,
                      ParamSpec param) {
        this.axis = axis;
        this.param = param;
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.doc = doc;
        this.option = option;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** The built-in default as the docs show it: a value, or "(per scenario)", "(required)", ... */
    public String defaultText() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** The verify option that sets this key on the command line, or null ({@code --set KEY=VALUE} always works). */
    public String option() {
        return option;
    }

    /** What a value of this key must be: the type's, or the parameter's own range. */
    public String expected() {
        if (param != null) {
            return param.expected();
        }
        if (axis != null) {
            return "a " + axis.doc() + " id";
        }
        return type.expected();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigKey k && k.name.equals(name) && k.type == type;
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    public boolean isFamily() {
        return this == EXPECT;
    }

    /** The key named {@code name} (an {@code expect.*} name maps to {@link #EXPECT}), or null. */
    public static ConfigKey lookup(String name, Catalog catalog) {
        for (ConfigKey k : all(catalog)) {
            if (!k.isFamily() && k.name.equals(name)) {
                return k;
            }
        }
        if (name.startsWith(EXPECT_PREFIX) && propertyIds(catalog).contains(name.substring(EXPECT_PREFIX.length()))) {
            return EXPECT;
        }
        return null;
    }

    /** Every concrete key name (the family expanded per property), for "did you mean". */
    public static List<String> names(Catalog catalog) {
        List<String> l = new ArrayList<>();
        for (ConfigKey k : all(catalog)) {
            if (!k.isFamily()) {
                l.add(k.name);
            }
        }
        for (String p : propertyIds(catalog)) {
            l.add(EXPECT_PREFIX + p);
        }
        return l;
    }

    /** "unknown key 'vcpu' in x.tdx line 3; did you mean 'vcpus'?" */
    static SuiteException unknownKey(String key, Source at, Catalog catalog) {
        String near = Suggest.nearest(key, names(catalog));
        if (near != null) {
            return new SuiteException("unknown key '" + key + "' in " + at.where() + "; did you mean '" + near + "'?");
        }
        List<String> shown = new ArrayList<>();
        for (ConfigKey k : all(catalog)) {
            shown.add(k.name);
        }
        return new SuiteException("unknown key '" + key + "' in " + at.where() + " (known keys: "
                + String.join(", ", shown) + ")");
    }

    /**
     * Parses and checks {@code raw} for this key: an id of the catalog, a number in range, a
     * boolean, a list, a verdict. Returns String (ids), Integer, Long / Double (0 = unbounded),
     * Boolean, List&lt;String&gt; (empty = all), FairnessPlan or Verdict.
     *
     * @throws SuiteException one line naming the key, where it was set and what was expected
     */
    public Object parse(String key, String raw, Source at, Catalog catalog) {
        String v = raw.strip();
        switch (type) {
            case SCENARIO:
                return id(key, v, at, "scenario", catalog.scenarios().stream().map(Scenario::id).toList());
            case PRESET:
                return id(key, v, at, "policy preset", catalog.presets().stream().map(Preset::id).toList());
            case AXIS:
                return id(key, v, at, axis.doc(), ids(axis.values()));
            case PARAM: {
                try {
                    return param.parse(v);
                } catch (ModelException e) {
                    throw new SuiteException("wrong type for '" + key + "' in " + at.where() + ": expected "
                            + param.expected() + ", got '" + raw.strip() + "'");
                }
            }
            case PROPERTIES: {
                if (v.equalsIgnoreCase(ALL)) {
                    return List.of();
                }
                List<String> known = propertyIds(catalog);
                List<String> l = new ArrayList<>();
                for (String p : v.split(",", -1)) { // -1: a trailing comma is an empty id, rejected
                    String id = p.strip();
                    if (id.isEmpty()) {
                        throw wrongType(key, raw, at);
                    }
                    l.add(id(key, id, at, "property", known));
                }
                return List.copyOf(l);
            }
            case FAIRNESS: {
                try {
                    return tdxcheck.core.liveness.FairnessPlan.parse(v, tdxcheck.core.liveness.FairnessPlan.DEFAULT_WINDOW_STEPS);
                } catch (IllegalArgumentException e) {
                    throw wrongType(key, raw, at);
                }
            }
            case WINDOW: {
                if (v.matches("[0-9]{1,3}") && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= 255) {
                    return Integer.parseInt(v);
                }
                throw wrongType(key, raw, at);
            }
            case BOUND: {
                if (v.equalsIgnoreCase(UNBOUNDED)) {
                    return 0L;
                }
                try {
                    if (!v.matches("[0-9]+")) {
                        throw new NumberFormatException(v); // no sign, no suffix
                    }
                    long n = Long.parseLong(v);
                    if (n >= 1 && (this != MAX_DEPTH || n <= Integer.MAX_VALUE)) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // fall through
                }
                throw wrongType(key, raw, at);
            }
            case SECONDS: {
                if (v.equalsIgnoreCase(UNBOUNDED)) {
                    return 0.0;
                }
                try {
                    if (!v.matches("[0-9]+(\\.[0-9]+)?")) {
                        throw new NumberFormatException(v); // Java would read 5d, 5f, 0x10p0, 1e3 as numbers
                    }
                    double d = Double.parseDouble(v);
                    if (d > 0 && d < 1e9) {
                        return d;
                    }
                } catch (NumberFormatException e) {
                    // fall through
                }
                throw wrongType(key, raw, at);
            }
            case VERDICT: {
                for (Verdict x : Verdict.values()) {
                    if (x.name().equalsIgnoreCase(v)) {
                        return x;
                    }
                }
                throw wrongType(key, raw, at);
            }
            default:
                throw new IllegalStateException(type.name());
        }
    }

    private SuiteException wrongType(String key, String raw, Source at) {
        return new SuiteException("wrong type for '" + key + "' in " + at.where() + ": expected "
                + type.expected + ", got '" + raw.strip() + "'");
    }

    private static String id(String key, String v, Source at, String what, List<String> known) {
        if (known.contains(v)) {
            return v;
        }
        throw new SuiteException("unknown " + what + " '" + v + "' for '" + key + "' in " + at.where()
                + Suggest.hint(v, known));
    }

    private static List<String> ids(List<Described> l) {
        return l.stream().map(Described::id).toList();
    }

    static List<String> propertyIds(Catalog catalog) {
        return ids(catalog.properties());
    }

    @Override
    public String toString() {
        return name;
    }
}
