package tdxcheck.app.jpf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one JPF run reported through the driver's listener (tdxcheck.jpf.JpfStatsListener): JPF's
 * own counts, whether the model as JPF built it uses symmetry, the bounds it hit, the driver's violations ("ID INITIAL a1 a2 ...") and any other
 * JPF error.
 */
public record JpfOutcome(long newStates, long visitedStates, long backtracked, long endStates, int maxDepth,
                         long choicePoints, double seconds, boolean symmetry, List<String> constraints, List<String> violations,
                         List<String> errors) {
    public JpfOutcome {
        constraints = List.copyOf(constraints);
        violations = List.copyOf(violations);
        errors = List.copyOf(errors);
    }

    /** Parses the listener's file; null when it is missing or incomplete (JPF did not finish). */
    public static JpfOutcome read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Map<String, String> v = new LinkedHashMap<>();
        List<String> constraints = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int sp = line.indexOf(' ');
            if (sp < 0) {
                continue;
            }
            String k = line.substring(0, sp);
            String val = line.substring(sp + 1);
            switch (k) {
                case "constraint" -> constraints.add(val);
                case "violation" -> violations.add(val);
                case "error" -> errors.add(val);
                default -> v.put(k, val);
            }
        }
        if (!"true".equals(v.get("finished"))) {
            return null;
        }
        return new JpfOutcome(Long.parseLong(v.get("newStates")), Long.parseLong(v.get("visitedStates")),
                Long.parseLong(v.get("backtracked")), Long.parseLong(v.get("endStates")),
                Integer.parseInt(v.get("maxDepth")), Long.parseLong(v.get("choicePoints")),
                Double.parseDouble(v.get("seconds")), Boolean.parseBoolean(v.get("symmetry")), constraints, violations, errors);
    }

    /** The violation reported for {@code propertyId}, as {initial, a1, a2, ...}, or null. */
    public int[] violation(String propertyId) {
        for (String v : violations) {
            String[] f = v.split(" ");
            if (f[0].equals(propertyId)) {
                int[] r = new int[f.length - 1];
                for (int i = 1; i < f.length; i++) {
                    r[i - 1] = Integer.parseInt(f[i]);
                }
                return r;
            }
        }
        return null;
    }

    /** JPF's statistics for the result JSON (additive fields of a run). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("newStates", newStates);
        m.put("visitedStates", visitedStates);
        m.put("backtracked", backtracked);
        m.put("endStates", endStates);
        m.put("maxDepth", maxDepth);
        m.put("choicePoints", choicePoints);
        m.put("seconds", seconds);
        m.put("symmetry", symmetry);
        m.put("constraints", constraints);
        return m;
    }
}
