package tdxcheck.app.jpf;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A jpf-core component directory as its build lays it out: {@code jpf.properties} and
 * {@code build/} with {@code RunJPF.jar}, {@code jpf.jar} and {@code jpf-classes.jar}. Given by
 * {@code --jpf-home} or {@code $JPF_HOME}.
 */
public record JpfHome(Path dir) {
    /** The environment variable read when no --jpf-home is given. */
    public static final String ENV = "JPF_HOME";

    /** The checked home: {@code option}, else $JPF_HOME; a one-line JpfException when unusable. */
    public static JpfHome resolve(Path option) {
        Path d = option;
        if (d == null) {
            String env = System.getenv(ENV);
            if (env == null || env.isBlank()) {
                throw new JpfException("--engine jpf needs a jpf-core: give --jpf-home DIR or set " + ENV
                        + " (see README, Running under JPF)");
            }
            d = Path.of(env);
        }
        Path abs = d.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs) || !Files.isReadable(abs)) {
            throw new JpfException("cannot read jpf-core directory " + d);
        }
        JpfHome h = new JpfHome(abs);
        for (Path f : new Path[] {h.runJpf(), h.jpfJar(), h.classesJar(), abs.resolve("jpf.properties")}) {
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new JpfException(d + " is not a built jpf-core: " + abs.relativize(f)
                        + " is missing (see README, Running under JPF)");
            }
        }
        return h;
    }

    public Path runJpf() {
        return dir.resolve("build").resolve("RunJPF.jar");
    }

    public Path jpfJar() {
        return dir.resolve("build").resolve("jpf.jar");
    }

    public Path classesJar() {
        return dir.resolve("build").resolve("jpf-classes.jar");
    }
}
