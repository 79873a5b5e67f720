package tdxcheck.core.catalog;

import java.util.List;
import java.util.Locale;
import tdxcheck.core.spi.ModelException;

/**
 * One scenario parameter, declared once by a family. Everything else derives from it: the
 * command-line option ({@code --name}), the suite-file key ({@code name}), {@code --print-config},
 * {@code tdxcheck list}, the {@code params} object of the result JSON ({@code jsonKey}) and the
 * regression baseline. Values are Integer (INT), Boolean (BOOL) or String (CHOICE).
 *
 * @param name    the option and suite key, kebab-case ("vcpus", "pending-events")
 * @param jsonKey the key in the result JSON's params ("vcpus", "pendingEvents")
 * @param kind    the value type
 * @param min     smallest INT value (inclusive)
 * @param max     largest INT value (inclusive)
 * @param choices the CHOICE values, in the order {@code list} shows them
 * @param doc     one line for help, list and the docs
 */
public record ParamSpec(String name, String jsonKey, Kind kind, int min, int max, List<String> choices, String doc) {
    /** The value type of a parameter. */
    public enum Kind { INT, BOOL, CHOICE }

    public ParamSpec {
        choices = List.copyOf(choices);
    }

    public static ParamSpec integer(String name, String jsonKey, int min, int max, String doc) {
        return new ParamSpec(name, jsonKey, Kind.INT, min, max, List.of(), doc);
    }

    public static ParamSpec bool(String name, String jsonKey, String doc) {
        return new ParamSpec(name, jsonKey, Kind.BOOL, 0, 1, List.of(), doc);
    }

    public static ParamSpec choice(String name, String jsonKey, List<String> values, String doc) {
        return new ParamSpec(name, jsonKey, Kind.CHOICE, 0, values.size() - 1, values, doc);
    }

    /** The command-line option that sets it. */
    public String option() {
        return "--" + name;
    }

    /** "1..8", "true or false", "linux, ve". */
    public String range() {
        return switch (kind) {
            case INT -> min + ".." + max;
            case BOOL -> "true or false";
            case CHOICE -> String.join(", ", choices);
        };
    }

    /** What an error message says was expected. */
    public String expected() {
        return switch (kind) {
            case INT -> "an integer from " + min + " to " + max;
            case BOOL -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
        };
    }

    /** Parses a value given as text (command line, suite file); a one-line ModelException when invalid. */
    public Object parse(String text) {
        String t = text == null ? "" : text.strip();
        switch (kind) {
            case INT -> {
                try {
                    if (!t.matches("-?[0-9]+")) { // parseInt would take "+2"
                        throw new NumberFormatException(t);
                    }
                    return check(Integer.parseInt(t));
                } catch (NumberFormatException e) {
                    throw invalid(text);
                }
            }
            case BOOL -> {
                String l = t.toLowerCase(Locale.ROOT);
                if (l.equals("true") || l.equals("false")) {
                    return Boolean.valueOf(l);
                }
                throw invalid(text);
            }
            default -> {
                return check(t);
            }
        }
    }

    /** Checks a typed value (Integer, Boolean or String per {@link #kind}); returns it. */
    public Object check(Object value) {
        boolean ok = switch (kind) {
            case INT -> value instanceof Integer i && i >= min && i <= max;
            case BOOL -> value instanceof Boolean;
            case CHOICE -> value instanceof String s && choices.contains(s);
        };
        if (!ok) {
            throw invalid(value);
        }
        return value;
    }

    private ModelException invalid(Object value) {
        return new ModelException(option() + " must be " + expected() + " (got " + value + ")");
    }
}
