package tdxcheck.core.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tdxcheck.core.spi.ModelException;

/**
 * The values of a family's parameters for one run, in the family's declaration order. Immutable;
 * {@link #with} returns a copy. Every value is checked against its {@link ParamSpec}.
 */
public final class Params {
    private final List<ParamSpec> specs;
    private final Object[] values;

    private Params(List<ParamSpec> specs, Object[] values) {
        this.specs = specs;
        this.values = values;
    }

    /** Values for every spec, by name; each is checked. */
    public static Params of(List<ParamSpec> specs, Map<String, ?> byName) {
        List<ParamSpec> s = List.copyOf(specs);
        Object[] v = new Object[s.size()];
        for (int i = 0; i < s.size(); i++) {
            ParamSpec p = s.get(i);
            if (!byName.containsKey(p.name())) {
                throw new IllegalArgumentException("no value for parameter " + p.name());
            }
            v[i] = p.check(byName.get(p.name()));
        }
        return new Params(s, v);
    }

    public List<ParamSpec> specs() {
        return specs;
    }

    private int index(String name) {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new ModelException("unknown parameter '" + name + "' (known: "
                + String.join(", ", specs.stream().map(ParamSpec::name).toList()) + ")");
    }

    public boolean has(String name) {
        return specs.stream().anyMatch(p -> p.name().equals(name));
    }

    public Object get(String name) {
        return values[index(name)];
    }

    public int intValue(String name) {
        return (Integer) get(name);
    }

    public boolean boolValue(String name) {
        return (Boolean) get(name);
    }

    public String choice(String name) {
        return (String) get(name);
    }

    /** A copy with {@code name} set to {@code value} (checked). */
    public Params with(String name, Object value) {
        int i = index(name);
        Object[] v = values.clone();
        v[i] = specs.get(i).check(value);
        return new Params(specs, v);
    }

    /** A copy with {@code name} set from text (command line, suite file), parsed and checked. */
    public Params withText(String name, String text) {
        int i = index(name);
        return with(name, specs.get(i).parse(text));
    }

    /** By name, in declaration order. */
    public Map<String, Object> byName() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            m.put(specs.get(i).name(), values[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The params object of the result JSON: by JSON key, in declaration order. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            m.put(specs.get(i).jsonKey(), values[i]);
        }
        return m;
    }

    /**
     * Reads a JSON params object: each spec's value from its JSON key, or from {@code defaults}
     * when the key is absent (a result written before the parameter existed).
     */
    public static Params fromJson(Params defaults, Map<String, ?> json) {
        Params p = defaults;
        for (ParamSpec s : defaults.specs) {
            Object v = json.get(s.jsonKey());
            if (v != null) {
                p = p.with(s.name(), v instanceof Number n && s.kind() == ParamSpec.Kind.INT ? (Object) n.intValue() : v);
            }
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && specs.equals(p.specs) && java.util.Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return byName().toString();
    }
}
