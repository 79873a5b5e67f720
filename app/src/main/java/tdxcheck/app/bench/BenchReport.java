package tdxcheck.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tdxcheck.model.tdx.TdxScenarios;
import tdxcheck.model.tdx.policy.Policies;
import tdxcheck.model.tdx.policy.RetryPolicy;

/**
 * The bench's results as a text table and as the {@code tdxcheck-bench/1} JSON document (the
 * JSON Schema is the resource {@value #SCHEMA_RESOURCE}). Derived figures: the growth factor of
 * distinct states per added vCPU (fault-storm, per GPA count), the symmetry reduction, the
 * 1-thread vs 2-thread speed-up, and the total time of the default suite.
 */
public final class BenchReport {
    public static final String SCHEMA = "tdxcheck-bench/1";
    public static final String SCHEMA_RESOURCE = "/tdxcheck/app/bench/tdxcheck-bench-1.schema.json";

    /** Run settings, echoed into the JSON. */
    public record Settings(int repeat, int warmup, int threads, boolean symmetry, boolean quick, long seed) {
    }

    /** Distinct states at V vCPUs over those at V-1 (same scenario, policy and GPAs). */
    public record Growth(String scenario, int gpas, int vcpus, long distinctStates, double factor,
                         long noSymmetryStates, double noSymmetryFactor) {
    }

    /** The same run on one and on two threads. */
    public record Speedup(String label, double oneThreadSeconds, double twoThreadSeconds) {
        public double factor() {
            return twoThreadSeconds > 0 ? oneThreadSeconds / twoThreadSeconds : 0;
        }
    }

    private final List<BenchResult> results;
    private final Settings settings;
    private final String version;

    public BenchReport(List<BenchResult> results, Settings settings, String version) {
        this.results = List.copyOf(results);
        this.settings = settings;
        this.version = version;
    }

    public List<BenchResult> results() {
        return results;
    }

    /** Growth factors of the fault-storm group, per GPA count in vCPU order. */
    public List<Growth> growth() {
        Map<Integer, List<BenchResult>> byGpas = new TreeMap<>();
        for (BenchResult r : results) {
            if (r.benchCase().group().equals("fault-storm")
                    && r.benchCase().scenario().equals(TdxScenarios.FAULT_STORM)) {
                byGpas.computeIfAbsent(r.benchCase().params().intValue("gpas"), k -> new ArrayList<>()).add(r);
            }
        }
        List<Growth> out = new ArrayList<>();
        for (Map.Entry<Integer, List<BenchResult>> e : byGpas.entrySet()) {
            List<BenchResult> l = new ArrayList<>(e.getValue());
            l.sort(Comparator.comparingInt(r -> r.benchCase().params().intValue("vcpus")));
            for (int i = 1; i < l.size(); i++) {
                BenchResult prev = l.get(i - 1);
                BenchResult cur = l.get(i);
                if (cur.benchCase().params().intValue("vcpus") != prev.benchCase().params().intValue("vcpus") + 1) {
                    continue;
                }
                double ns = prev.noSymmetryStates() > 0 && cur.noSymmetryStates() > 0
                        ? (double) cur.noSymmetryStates() / prev.noSymmetryStates() : 0;
                out.add(new Growth(TdxScenarios.FAULT_STORM, e.getKey(), cur.benchCase().params().intValue("vcpus"),
                        cur.distinctStates(), (double) cur.distinctStates() / prev.distinctStates(),
                        cur.noSymmetryStates(), ns));
            }
        }
        return out;
    }

    /** Pairs of the threads group: the same run pinned to one and to two threads. */
    public List<Speedup> speedups() {
        List<Speedup> out = new ArrayList<>();
        for (BenchResult one : results) {
            if (!one.benchCase().group().equals("threads") || one.threads() != 1) {
                continue;
            }
            for (BenchResult two : results) {
                if (two.benchCase().group().equals("threads") && two.threads() == 2
                        && same(one.benchCase(), two.benchCase())) {
                    String label = one.benchCase().label();
                    out.add(new Speedup(label.substring(0, label.lastIndexOf(" t")), one.seconds(), two.seconds()));
                }
            }
        }
        return out;
    }

    private static boolean same(BenchCase a, BenchCase b) {
        return a.scenario().equals(b.scenario()) && a.params().equals(b.params()) && a.preset().equals(b.preset())
                && a.properties().equals(b.properties());
    }

    /** The same run without and with partial-order reduction. */
    public record PorSaving(String label, BenchResult full, BenchResult reduced) {
        public double statesFactor() {
            return reduced.distinctStates() > 0 ? (double) full.distinctStates() / reduced.distinctStates() : 0;
        }
    }

    /** Pairs of runs that differ only in --por (the por group). */
    public List<PorSaving> porSavings() {
        List<PorSaving> out = new ArrayList<>();
        for (BenchResult full : results) {
            if (full.benchCase().por()) {
                continue;
            }
            for (BenchResult red : results) {
                BenchCase a = full.benchCase();
                BenchCase b = red.benchCase();
                if (b.por() && same(a, b) && a.group().equals(b.group()) && java.util.Objects.equals(a.threads(),
                        b.threads()) && a.fairness() == b.fairness()) {
                    out.add(new PorSaving(a.label(), full, red));
                }
            }
        }
        return out;
    }

    /** Sum of the median seconds of the default-suite group. */
    public double defaultSuiteSeconds() {
        double s = 0;
        for (BenchResult r : results) {
            if (r.benchCase().group().equals("default-suite")) {
                s += r.seconds();
            }
        }
        return s;
    }

    // ---- text ----

    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "tdxcheck bench: median of %d repetition(s) after %d warm-up(s), "
                + "seed %016x, %d processor(s), max heap %s%n", settings.repeat(), settings.warmup(), settings.seed(),
                Runtime.getRuntime().availableProcessors(), mib(Runtime.getRuntime().maxMemory())));
        String head = String.format(Locale.ROOT, "%-14s %-46s %3s %3s %12s %12s %8s %11s %10s %7s %7s %7s  %s%n",
                "group", "run", "thr", "sym", "states", "transitions", "seconds", "states/s", "peak heap",
                "B/state", "+parent", "live", "verdicts");
        sb.append(head);
        sb.append("-".repeat(head.length() - 1)).append('\n');
        for (BenchResult r : results) {
            sb.append(String.format(Locale.ROOT, "%-14s %-46s %3d %3s %,12d %,12d %8.3f %,11.0f %10s %7.1f %7.1f %7s  %s%n",
                    r.benchCase().group(), r.benchCase().label(), r.threads(), r.symmetry() ? "on" : "off",
                    r.distinctStates(), r.generated(), r.seconds(), r.statesPerSecond(), mib(r.peakHeapBytes()),
                    r.bytesPerState(), r.storeBytesPerState(), r.livenessBytesPerState() == 0 ? "-"
                            : String.format(Locale.ROOT, "%.1f", r.livenessBytesPerState()), verdictSummary(r)));
        }
        sb.append("\nB/state: seen-set bytes per stored state; +parent: with the parent and action arrays; live: the"
                + " kept liveness graph plus the store of the search that built it, per state of that graph (hw:"
                + " the hw search's); verdicts: H holds, V violated, I inconclusive.\n");
        List<Growth> g = growth();
        if (!g.isEmpty()) {
            sb.append("\ngrowth of distinct states per added vCPU (fault-storm, upstream, safety):\n");
            for (Growth x : g) {
                sb.append(String.format(Locale.ROOT, "  %d GPAs: %d -> %d vCPUs: x%.2f", x.gpas(), x.vcpus() - 1,
                        x.vcpus(), x.factor()));
                if (x.noSymmetryFactor() > 0) {
                    sb.append(String.format(Locale.ROOT, " (without symmetry x%.2f)", x.noSymmetryFactor()));
                }
                sb.append('\n');
            }
        }
        boolean any = false;
        for (BenchResult r : results) {
            if (r.noSymmetryStates() > 0) {
                if (!any) {
                    sb.append("\nsymmetry reduction (distinct states with / without; V! is the bound):\n");
                    any = true;
                }
                int v = r.benchCase().params().intValue("vcpus");
                sb.append(String.format(Locale.ROOT, "  %-46s %,12d / %,12d  x%.2f of V!=%d  (%.3f s without)%n",
                        r.benchCase().label(), r.distinctStates(), r.noSymmetryStates(), r.symmetryFactor(),
                        factorial(v), r.noSymmetrySeconds()));
            }
        }
        for (Speedup s : speedups()) {
            sb.append(String.format(Locale.ROOT, "%nspeed-up %s: 1 thread %.3f s, 2 threads %.3f s: x%.2f%n",
                    s.label(), s.oneThreadSeconds(), s.twoThreadSeconds(), s.factor()));
        }
        List<PorSaving> por = porSavings();
        if (!por.isEmpty()) {
            sb.append("\npartial-order reduction (without / with --por: states, transitions, seconds):\n");
            for (PorSaving p : por) {
                sb.append(String.format(Locale.ROOT, "  %-44s %,12d / %,12d states (x%.2f)  %,13d / %,13d transitions"
                        + "  %8.3f / %8.3f s%n", p.label(), p.full().distinctStates(), p.reduced().distinctStates(),
                        p.statesFactor(), p.full().generated(), p.reduced().generated(), p.full().seconds(),
                        p.reduced().seconds()));
            }
        }
        if (results.stream().anyMatch(r -> r.benchCase().group().equals("default-suite"))) {
            sb.append(String.format(Locale.ROOT, "%ndefault suite (5 scenarios, upstream, every property): %.3f s%n",
                    defaultSuiteSeconds()));
        }
        return sb.toString();
    }

    /** {@code "5H 1V"}: how many properties hold, are violated, are inconclusive. */
    private static String verdictSummary(BenchResult r) {
        int h = 0;
        int v = 0;
        int i = 0;
        for (String x : r.verdicts().values()) {
            switch (x) {
                case "HOLDS" -> h++;
                case "VIOLATED" -> v++;
                default -> i++;
            }
        }
        return (h + "H " + v + "V" + (i > 0 ? " " + i + "I" : "")).strip();
    }

    private static long factorial(int n) {
        long f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    // ---- JSON ----

    public ObjectNode json() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("schema", SCHEMA);
        ObjectNode tool = root.putObject("tool");
        tool.put("name", "tdxcheck");
        tool.put("version", version);
        ObjectNode env = root.putObject("environment");
        env.put("javaVersion", System.getProperty("java.version"));
        env.put("javaVm", System.getProperty("java.vm.name"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        env.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        ObjectNode set = root.putObject("settings");
        set.put("repeat", settings.repeat());
        set.put("warmup", settings.warmup());
        set.put("threads", settings.threads());
        set.put("symmetry", settings.symmetry());
        set.put("quick", settings.quick());
        set.put("seed", String.format(Locale.ROOT, "%016x", settings.seed()));
        ArrayNode runs = root.putArray("runs");
        for (BenchResult r : results) {
            BenchCase c = r.benchCase();
            ObjectNode run = runs.addObject();
            run.put("id", c.label());
            run.put("group", c.group());
            run.put("scenario", c.scenario());
            RetryPolicy rp = Policies.preset(c.preset());
            run.putObject("policy").put("preset", rp.id()).put("faultRetry", rp.fault().id())
                    .put("zapRetry", rp.zap().id());
            ObjectNode params = run.putObject("params");
            c.params().toJson().forEach((k, v) -> {
                if (v instanceof Integer i) {
                    params.put(k, i);
                } else if (v instanceof Boolean b) {
                    params.put(k, b);
                } else {
                    params.put(k, String.valueOf(v));
                }
            });
            run.put("fairness", c.fairness().id());
            run.put("por", c.por());
            ArrayNode props = run.putArray("properties");
            for (String id : r.verdicts().keySet()) {
                props.add(id);
            }
            ObjectNode verdicts = run.putObject("verdicts");
            r.verdicts().forEach(verdicts::put);
            ObjectNode st = run.putObject("stats");
            st.put("distinctStates", r.distinctStates());
            st.put("generated", r.generated());
            st.put("seconds", r.seconds());
            st.put("statesPerSecond", r.statesPerSecond());
            st.put("bytesPerState", r.bytesPerState());
            st.put("peakHeapBytes", r.peakHeapBytes());
            st.put("threads", r.threads());
            st.put("symmetry", r.symmetry());
            st.put("maxDepth", r.maxDepth());
            st.put("searchSeconds", r.searchSeconds());
            ArrayNode reps = st.putArray("repetitionSeconds");
            r.repetitionSeconds().forEach(reps::add);
            st.put("seenSetBytes", r.seenSetBytes());
            st.put("storeBytesPerState", r.storeBytesPerState());
            st.put("livenessBytesPerState", r.livenessBytesPerState());
            st.put("graphBytes", r.graphBytes());
            st.put("graphStates", r.graphStates());
            if (r.noSymmetryStates() > 0) {
                st.put("noSymmetryStates", r.noSymmetryStates());
                st.put("noSymmetrySeconds", r.noSymmetrySeconds());
                st.put("symmetryFactor", r.symmetryFactor());
            }
        }
        ArrayNode growth = root.putArray("growth");
        for (Growth g : growth()) {
            ObjectNode o = growth.addObject();
            o.put("scenario", g.scenario());
            o.put("gpas", g.gpas());
            o.put("vcpus", g.vcpus());
            o.put("distinctStates", g.distinctStates());
            o.put("factor", g.factor());
            if (g.noSymmetryFactor() > 0) {
                o.put("noSymmetryStates", g.noSymmetryStates());
                o.put("noSymmetryFactor", g.noSymmetryFactor());
            }
        }
        ArrayNode speed = root.putArray("speedups");
        for (Speedup s : speedups()) {
            ObjectNode o = speed.addObject();
            o.put("id", s.label());
            o.put("oneThreadSeconds", s.oneThreadSeconds());
            o.put("twoThreadSeconds", s.twoThreadSeconds());
            o.put("speedup", s.factor());
        }
        root.putObject("totals").put("defaultSuiteSeconds", defaultSuiteSeconds());
        return root;
    }

    /** Writes the JSON to {@code file} atomically (a temp file next to it, then a rename). */
    public void writeJson(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), json());
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
