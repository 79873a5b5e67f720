package tdxcheck.app.suite;

/**
 * Where a configuration value came from: a built-in default, a line of a suite file, or the
 * command line. {@link #toString()} is the short form {@code --print-config} shows
 * ({@code default}, {@code suites/upstream.tdx:3}, {@code command line (--vcpus)});
 * {@link #where()} is the form error messages use ({@code suites/upstream.tdx line 3}).
 */
public record Source(Kind kind, String file, int line, String detail) {
    /** The three layers, lowest first. */
    public enum Kind {
        DEFAULT, FILE, COMMAND_LINE
    }

    public static Source defaults(String detail) {
        return new Source(Kind.DEFAULT, null, 0, detail);
    }

    public static Source file(String file, int line) {
        return new Source(Kind.FILE, file, line, null);
    }

    /** {@code detail}: the option that set it, e.g. {@code --vcpus} or {@code --set vcpus=3}. */
    public static Source commandLine(String detail) {
        return new Source(Kind.COMMAND_LINE, null, 0, detail);
    }

    /** For error messages: "x.tdx line 3", "the command line (--vcpus)", "the defaults". */
    public String where() {
        return switch (kind) {
            case FILE -> file + " line " + line;
            case COMMAND_LINE -> "the command line (" + detail + ")";
            case DEFAULT -> "the defaults";
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FILE -> file + ":" + line;
            case COMMAND_LINE -> "command line (" + detail + ")";
            case DEFAULT -> detail == null || detail.isEmpty() ? "default" : "default (" + detail + ")";
        };
    }
}
