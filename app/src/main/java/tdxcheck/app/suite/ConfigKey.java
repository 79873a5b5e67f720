package tdxcheck.app.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tdxcheck.core.liveness.Fairness;
import tdxcheck.core.catalog.Catalog;
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
        FAULT_RETRY("a fault retry policy id"),
        ZAP_RETRY("a zap retry policy id"),
        POSITIVE_INT("a positive integer"),
        BOOLEAN("true or false"),
        PROPERTIES("'all' or a comma-separated list of property ids"),
        FAIRNESS("weak, strong or none"),
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
            "a policy preset: sets both axes", "--policy");
    public static final ConfigKey FAULT_RETRY = new ConfigKey("fault-retry", Type.FAULT_RETRY, "(the preset's)",
            "the fault retry axis; replaces the preset's", "--fault-retry");
    public static final ConfigKey ZAP_RETRY = new ConfigKey("zap-retry", Type.ZAP_RETRY, "(the preset's)",
            "the zap retry axis; replaces the preset's", "--zap-retry");
    public static final ConfigKey VCPUS = new ConfigKey("vcpus", Type.POSITIVE_INT, "(per scenario)",
            "number of vCPUs", "--vcpus");
    public static final ConfigKey GPAS = new ConfigKey("gpas", Type.POSITIVE_INT, "(per scenario)",
            "number of guest physical pages", "--gpas");
    public static final ConfigKey THRESHOLD = new ConfigKey("threshold", Type.POSITIVE_INT, "(per scenario)",
            "zero-step threshold (6, STEPPING_EPF_THRESHOLD, in every scenario)", "--threshold");
    public static final ConfigKey PENDING_EVENTS = new ConfigKey("pending-events", Type.BOOLEAN, "false",
            "an event may be pending at any point, breaking local retry", "--pending-events");
    public static final ConfigKey PROPERTIES = new ConfigKey("properties", Type.PROPERTIES, ALL,
            "the properties to check", "--property");
    public static final ConfigKey FAIRNESS = new ConfigKey("fairness", Type.FAIRNESS, "weak",
            "fairness for no-busy-livelock", "--fairness");
    public static final ConfigKey MAX_STATES = new ConfigKey("max-states", Type.BOUND, UNBOUNDED,
            "stop after N distinct states (INCONCLUSIVE)", "--max-states");
    public static final ConfigKey MAX_DEPTH = new ConfigKey("max-depth", Type.BOUND, UNBOUNDED,
            "do not expand states at depth N (INCONCLUSIVE)", "--max-depth");
    public static final ConfigKey TIME_LIMIT = new ConfigKey("time-limit", Type.SECONDS, UNBOUNDED,
            "time budget in seconds (INCONCLUSIVE)", "--time-limit");
    /** The family {@code expect.<property>}; {@link #name()} is the pattern. */
    public static final ConfigKey EXPECT = new ConfigKey(EXPECT_PREFIX + "<property>", Type.VERDICT, "(none)",
            "the verdict this property must have; verify exits 1 when it differs", null);

    /** Every key, in the order --print-config and the docs list them. */
    public static final List<ConfigKey> ALL_KEYS = List.of(SCENARIO, POLICY, FAULT_RETRY, ZAP_RETRY, VCPUS, GPAS,
            THRESHOLD, PENDING_EVENTS, PROPERTIES, FAIRNESS, MAX_STATES, MAX_DEPTH, TIME_LIMIT, EXPECT);

    private final String name;
    private final Type type;
    private final String defaultValue;
    private final String doc;
    private final String option;

    private ConfigKey(String name, Type type, String defaultValue, String doc, String option) {
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

    public boolean isFamily() {
        return this == EXPECT;
    }

    /** The key named {@code name} (an {@code expect.*} name maps to {@link #EXPECT}), or null. */
    public static ConfigKey lookup(String name, Catalog catalog) {
        for (ConfigKey k : ALL_KEYS) {
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
        for (ConfigKey k : ALL_KEYS) {
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
        for (ConfigKey k : ALL_KEYS) {
            shown.add(k.name);
        }
        return new SuiteException("unknown key '" + key + "' in " + at.where() + " (known keys: "
                + String.join(", ", shown) + ")");
    }

    /**
     * Parses and checks {@code raw} for this key: an id of the catalog, a number in range, a
     * boolean, a list, a verdict. Returns String (ids), Integer, Long / Double (0 = unbounded),
     * Boolean, List&lt;String&gt; (empty = all), Fairness or Verdict.
     *
     * @throws SuiteException one line naming the key, where it was set and what was expected
     */
    public Object parse(String key, String raw, Source at, Catalog catalog) {
        String v = raw.strip();
        switch (type) {
            case SCENARIO:
                return id(key, v, at, "scenario", catalog.scenarios().stream().map(Scenario::id).toList());
            case PRESET:
                return id(key, v, at, "policy preset", ids(catalog.presets()));
            case FAULT_RETRY:
                return id(key, v, at, "fault retry policy", ids(catalog.faultRetries()));
            case ZAP_RETRY:
                return id(key, v, at, "zap retry policy", ids(catalog.zapRetries()));
            case POSITIVE_INT: {
                try {
                    int n = Integer.parseInt(v);
                    if (n >= 1) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // fall through to the error
                }
                throw wrongType(key, raw, at);
            }
            case BOOLEAN: {
                String l = v.toLowerCase(Locale.ROOT);
                if (l.equals("true") || l.equals("false")) {
                    return Boolean.valueOf(l);
                }
                throw wrongType(key, raw, at);
            }
            case PROPERTIES: {
                if (v.equalsIgnoreCase(ALL)) {
                    return List.of();
                }
                List<String> known = propertyIds(catalog);
                List<String> l = new ArrayList<>();
                for (String p : v.split(",")) {
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
                    return Fairness.fromId(v);
                } catch (IllegalArgumentException e) {
                    throw wrongType(key, raw, at);
                }
            }
            case BOUND: {
                if (v.equalsIgnoreCase(UNBOUNDED)) {
                    return 0L;
                }
                try {
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
