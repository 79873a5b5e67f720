package tdxcheck.app.jpf;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import tdxcheck.app.Runner;

/**
 * Runs the driver under JPF in a child process: {@code java -jar RunJPF.jar +site=SITE RUN.jpf},
 * where the generated site file names the given jpf-core, and {@code RUN.jpf} puts our classes
 * on JPF's classpath, the listener on its native classpath, and maps the bounds. The app never
 * links against JPF or the driver: the child loads them.
 *
 * <p>The driver jar ({@code tdxcheck-jpf.jar}, built by the {@code jpf} module only when Maven
 * gets {@code -Djpf.home}) is found, in order: the system property {@code tdxcheck.jpf.jar} or
 * the environment variable {@code TDXCHECK_JPF_JAR}; the driver classes already on our classpath
 * (tests); {@code tdxcheck-jpf.jar} next to the app jar; {@code ../../jpf/target/tdxcheck-jpf.jar}
 * from the app jar (the source tree's layout).
 */
public final class JpfLauncher {
    static final String DRIVER = "tdxcheck.jpf.JpfDriver";
    static final String LISTENER = "tdxcheck.jpf.JpfStatsListener";
    static final String JAR = "tdxcheck-jpf.jar";

    private JpfLauncher() {
    }

    /** The JPF settings of one run beyond the driver's arguments. */
    public record Job(List<String> driverArgs, boolean bfs, int depthLimit, double timeLimit, long maxStates,
                      int stopAfter) {
    }

    /** Runs {@code job} under {@code home}'s JPF; the outcome, or a one-line JpfException. */
    public static JpfOutcome run(JpfHome home, Job job) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tdxcheck-jpf");
            return runIn(dir, home, job);
        } catch (IOException e) {
            throw new JpfException("cannot run JPF: " + e.getMessage());
        } finally {
            if (dir != null && System.getenv("TDXCHECK_JPF_KEEP") == null) { // keep: to read jpf.log
                delete(dir);
            }
        }
    }

    private static JpfOutcome runIn(Path dir, JpfHome home, Job job) throws IOException {
        List<Path> cp = targetClasspath();
        Path driver = driverLocation();
        if (!cp.contains(driver)) {
            cp.add(driver);
        }
        Path classes = dir.resolve("classes.txt");
        Files.write(classes, modelClasses(cp), StandardCharsets.UTF_8);
        Path site = dir.resolve("site.properties");
        Files.writeString(site, "jpf-core = " + jpfPath(home.dir()) + "\nextensions = ${jpf-core}\n");
        Path out = dir.resolve("outcome.txt");
        List<String> args = new ArrayList<>(job.driverArgs());
        args.add("classes=" + jpfPath(classes));
        StringBuilder run = new StringBuilder();
        run.append("target = ").append(DRIVER).append('\n');
        run.append("target.args = ").append(String.join(",", args)).append('\n');
        run.append("classpath = ").append(String.join(";", cp.stream().map(JpfLauncher::jpfPath).toList()))
                .append('\n');
        run.append("native_classpath = ").append(jpfPath(driver)).append('\n');
        run.append("listener = ").append(LISTENER).append('\n');
        // every property once (the driver reports each at most once), and no transition cut short
        run.append("search.multiple_errors = true\n");
        run.append("vm.max_transition_length = 100000000\n");
        run.append("report.console.property_violation = error\n");
        run.append("report.console.finished = result,statistics\n");
        if (job.bfs()) {
            run.append("search.class = gov.nasa.jpf.search.heuristic.BFSHeuristic\n");
        }
        if (job.depthLimit() > 0) {
            run.append("search.depth_limit = ").append(job.depthLimit()).append('\n');
        }
        if (job.timeLimit() > 0) {
            run.append("tdxcheck.time_limit = ").append(job.timeLimit()).append('\n');
        }
        if (job.maxStates() > 0) {
            run.append("tdxcheck.max_states = ").append(job.maxStates()).append('\n');
        }
        run.append("tdxcheck.stop_after = ").append(job.stopAfter()).append('\n');
        run.append("tdxcheck.out = ").append(jpfPath(out)).append('\n');
        Path runFile = dir.resolve("run.jpf");
        Files.writeString(runFile, run.toString());

        Path log = dir.resolve("jpf.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xss16m", "-jar", home.runJpf().toString(),
                "+site=" + site, runFile.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        pb.directory(dir.toFile());
        Process p = pb.start();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new JpfException("interrupted while JPF was running");
        }
        try {
            p.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // exit status is all we need
        }
        JpfOutcome o = JpfOutcome.read(out);
        if (o == null) {
            throw new JpfException("JPF from " + home.dir() + " did not run the model (exit " + p.exitValue()
                    + "): " + lastLine(log));
        }
        return o;
    }

    /** Backslashes and spaces are special in JPF's config files; forward slashes work everywhere. */
    private static String jpfPath(Path p) {
        return p.toAbsolutePath().toString().replace('\\', '/');
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i).strip();
                if (!l.isEmpty() && !l.startsWith("=====")) {
                    return l;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // fall through
        }
        return "no output";
    }

    /** Our classes for JPF: this JVM's classpath without JPF's own jars (JPF brings its own). */
    static List<Path> targetClasspath() {
        Set<Path> cp = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.isEmpty()) {
                continue;
            }
            Path p = Path.of(e).toAbsolutePath().normalize();
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.equals("jpf.jar") || name.equals("jpf-classes.jar") || name.equals("jpf-annotations.jar")
                    || name.startsWith("junit-") || name.startsWith("surefire") || name.startsWith("opentest4j")
                    || name.startsWith("apiguardian")) {
                continue;
            }
            cp.add(p);
        }
        return new ArrayList<>(cp);
    }

    /** Where the driver's classes are (a jar or a class directory); a JpfException if not built. */
    static Path driverLocation() {
        String given = System.getProperty("tdxcheck.jpf.jar", System.getenv("TDXCHECK_JPF_JAR"));
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given).toAbsolutePath().normalize();
            if (!Files.exists(p)) {
                throw new JpfException("tdxcheck.jpf.jar: no such file " + given);
            }
            return p;
        }
        for (Path e : targetClasspath()) {
            if (Files.isDirectory(e) && Files.isRegularFile(e.resolve("tdxcheck/jpf/JpfDriver.class"))) {
                return e;
            }
            if (e.getFileName().toString().equals(JAR) && Files.isRegularFile(e)) {
                return e;
            }
        }
        Path app = appLocation();
        if (app != null && Files.isRegularFile(app)) {
            Path dir = app.getParent();
            for (Path c : new Path[] {dir.resolve(JAR), dir.resolve("../../jpf/target/" + JAR).normalize()}) {
                if (Files.isRegularFile(c)) {
                    return c;
                }
            }
        }
        throw new JpfException("the JPF driver (" + JAR + ") is not built: build with"
                + " mvn -B package -Djpf.home=DIR (see README, Running under JPF)");
    }

    private static Path appLocation() {
        try {
            var src = Runner.class.getProtectionDomain().getCodeSource();
            return src == null ? null : Path.of(src.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }

    /**
     * The model's classes, for the driver to load before the first choice point: every class
     * under {@code tdxcheck/} in the classpath except the CLI, reports, JUnit API and the driver
     * itself, sorted.
     */
    static List<String> modelClasses(List<Path> cp) throws IOException {
        Set<String> names = new java.util.TreeSet<>();
        for (Path e : cp) {
            String s = e.toString();
            if (s.contains("test-classes") || s.endsWith("-tests.jar")) {
                continue;
            }
            if (Files.isDirectory(e)) {
                try (Stream<Path> w = Files.walk(e)) {
                    for (Path f : (Iterable<Path>) w::iterator) {
                        addClass(names, e.relativize(f).toString().replace(File.separatorChar, '/'));
                    }
                }
            } else if (Files.isRegularFile(e) && s.endsWith(".jar")) {
                try (ZipFile z = new ZipFile(e.toFile())) {
                    var en = z.entries();
                    while (en.hasMoreElements()) {
                        ZipEntry ze = en.nextElement();
                        addClass(names, ze.getName());
                    }
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static void addClass(Set<String> names, String entry) {
        if (!entry.startsWith("tdxcheck/") || !entry.endsWith(".class") || entry.endsWith("module-info.class")) {
            return;
        }
        for (String skip : new String[] {"tdxcheck/app/", "tdxcheck/reports/", "tdxcheck/jpf/", "tdxcheck/junit/"}) {
            if (entry.startsWith(skip)) {
                return;
            }
        }
        names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
    }

    private static void delete(Path dir) {
        try (Stream<Path> w = Files.walk(dir)) {
            w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
