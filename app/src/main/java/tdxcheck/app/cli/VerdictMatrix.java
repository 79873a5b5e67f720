package tdxcheck.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tdxcheck.reports.RunLabels;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Verdict;

/**
 * The text {@code verify} prints: one row per scenario x policy, one column per property ("-"
 * where a scenario lacks it), states and seconds; then one line per violation (property and
 * counterexample length) and per inconclusive verdict (the bound).
 */
final class VerdictMatrix {
    private VerdictMatrix() {
    }

    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";

    static String render(List<Run> runs) {
        return render(runs, false);
    }

    /** With {@code colour}, verdicts in ANSI colour (VIOLATED red, INCONCLUSIVE yellow, HOLDS green). */
    static String render(List<Run> runs, boolean colour) {
        List<String> props = new ArrayList<>();
        for (Run r : runs) {
            for (PropertyResult p : r.results()) {
                if (!props.contains(p.property())) {
                    props.add(p.property());
                }
            }
        }
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("scenario", "policy"));
        header.addAll(props);
        header.add("states");
        header.add("seconds");
        rows.add(header.toArray(new String[0]));
        List<String> tags = RunLabels.tags(runs);
        for (int ri = 0; ri < runs.size(); ri++) {
            Run r = runs.get(ri);
            List<String> row = new ArrayList<>(List.of(RunLabels.scenario(r, tags.get(ri)), r.policy().label()));
            for (String p : props) {
                PropertyResult pr = r.result(p);
                row.add(pr == null ? "-" : cell(pr));
            }
            row.add(Long.toString(r.stats().distinctStates()));
            row.add(String.format(Locale.ROOT, "%.2f", r.stats().seconds()));
            rows.add(row.toArray(new String[0]));
        }
        int cols = header.size();
        int[] w = new int[cols];
        for (String[] row : rows) {
            for (int c = 0; c < cols; c++) {
                w[c] = Math.max(w[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                boolean right = c >= cols - 2;
                String cell = row[c];
                if (right) {
                    line.append(" ".repeat(w[c] - cell.length())).append(colour ? paint(cell) : cell);
                } else {
                    line.append(colour ? paint(cell) : cell).append(" ".repeat(w[c] - cell.length()));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        boolean notes = false;
        for (int ri = 0; ri < runs.size(); ri++) {
            Run r = runs.get(ri);
            for (PropertyResult p : r.results()) {
                String where = RunLabels.scenario(r, tags.get(ri)) + " [" + r.policy().label() + "] " + p.property();
                if (p.verdict() == Verdict.VIOLATED) {
                    if (!notes) {
                        sb.append('\n');
                        notes = true;
                    }
                    sb.append(colour ? paint("VIOLATED") + "      " : "VIOLATED      ").append(where).append(": ");
                    if (p.counterexample() != null) {
                        int n = p.counterexample().steps().size();
                        sb.append(p.counterexample().kind()).append(" counterexample of ").append(n)
                                .append(n == 1 ? " step" : " steps");
                    }
                    if (p.violations() > 1 && !p.reason().contains("count INCONCLUSIVE")) {
                        sb.append(", ").append(p.violations()).append(" violations");
                    }
                    sb.append(" (").append(p.reason()).append(")\n");
                } else if (p.verdict() == Verdict.INCONCLUSIVE) {
                    if (!notes) {
                        sb.append('\n');
                        notes = true;
                    }
                    sb.append(colour ? paint("INCONCLUSIVE") + "  " : "INCONCLUSIVE  ").append(where).append(": ").append(p.reason()).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /**
     * The statistics line on fingerprints: TLC's optimistic collision probability (the largest
     * of the runs), or with --exact the collisions counted; "" for no runs.
     */
    static String fingerprints(List<Run> runs) {
        double worst = 0;
        long collisions = 0;
        boolean exact = false;
        Integer bits = null;
        for (Run r : runs) {
            if (r.stats().collisionProbability() != null) {
                worst = Math.max(worst, r.stats().collisionProbability());
                bits = r.stats().fingerprintBits();
            }
            if (r.stats().collisions() != null) {
                exact = true;
                collisions += r.stats().collisions();
            }
        }
        if (bits == null) {
            return "";
        }
        return exact ? "fingerprint collisions: " + collisions + " (--exact stored every state and compared)\n"
                : String.format(Locale.ROOT, "fingerprint collision probability: %.1e (%d-bit fingerprints; TLC's "
                        + "optimistic estimate, largest run; --exact counts them)%n", worst, bits);
    }

    /** A verdict cell: the verdict and, for liveness, {@link tdxcheck.reports.FairnessLabel}. */
    static String cell(tdxcheck.reports.result.PropertyResult pr) {
        return pr.verdict().name() + tdxcheck.reports.FairnessLabel.of(pr);
    }

    /** A verdict cell in its colour (padding is computed on the plain text). */
    private static String paint(String cell) {
        return switch (cell) {
            case "VIOLATED" -> RED + cell + RESET;
            case "INCONCLUSIVE" -> YELLOW + cell + RESET;
            case "HOLDS" -> GREEN + cell + RESET;
            default -> cell;
        };
    }
}
