package tdxcheck.app.check;

import java.util.List;
import tdxcheck.reports.result.Counterexample;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Run;
import tdxcheck.reports.result.Step;

/**
 * The one-line reason of a verdict, as the baseline, suite expectations and JUnit messages show
 * it:
 * <ul>
 *   <li>HOLDS: {@code "exhaustive, 155 states"};</li>
 *   <li>VIOLATED, a path: {@code "SAFETY, 31 steps: guest1 access gpa0 -> EXIT_REASON_EPT_VIOLATION"}
 *       (kind, length, and the step that violates);</li>
 *   <li>VIOLATED, a lasso: {@code "LIVENESS, 65 steps, cycle 59-65: fault(vcpu0) never completes"};</li>
 *   <li>DEADLOCK: {@code "DEADLOCK, 4 steps: no actor can move after phil3 take left"};</li>
 *   <li>INCONCLUSIVE: the bound, e.g. {@code "bound hit: max-states 2 (2 states explored)"}.</li>
 * </ul>
 * Deterministic for a deterministic search (the baseline compares them).
 */
public final class Reasons {
    private Reasons() {
    }

    public static String of(Run run, PropertyResult pr) {
        return switch (pr.verdict()) {
            case HOLDS -> "exhaustive, " + run.stats().distinctStates() + " states";
            case INCONCLUSIVE -> oneLine(pr.reason());
            case VIOLATED -> violated(pr);
        };
    }

    private static String violated(PropertyResult pr) {
        Counterexample cx = pr.counterexample();
        if (cx == null) {
            return oneLine(pr.reason());
        }
        List<Step> steps = cx.steps();
        int n = steps.size();
        StringBuilder sb = new StringBuilder(cx.kind()).append(", ").append(n).append(n == 1 ? " step" : " steps");
        if (cx.isLasso()) {
            sb.append(", cycle ").append(cx.loopBackIndex() + 1).append('-').append(n).append(": ");
            String summary = oneLine(cx.summary() != null && !cx.summary().isBlank() ? cx.summary() : pr.reason());
            int colon = summary.indexOf(':');
            sb.append(colon > 0 ? summary.substring(0, colon) : summary);
            return sb.toString();
        }
        if (n == 0) {
            return sb.append(": the initial state").toString();
        }
        Step last = steps.get(n - 1);
        String step = last.actor() + " " + last.action() + (last.outcome().isEmpty() ? "" : " -> " + last.outcome());
        if ("DEADLOCK".equals(cx.kind())) {
            return sb.append(": no actor can move after ").append(step).toString();
        }
        return sb.append(": ").append(step).toString();
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
