package tdxcheck.reports;

import tdxcheck.reports.result.FairnessVerdict;
import tdxcheck.reports.result.PropertyResult;

/**
 * What a liveness verdict adds after the verdict word, the same in the text, Markdown, HTML
 * reports and the CLI matrix: the class of a violation, the fairness it was decided under, and
 * the verdicts under the other fairness the run asked for: {@code " robust (hw)"},
 * {@code " (hw); weak: VIOLATED adversarial"}. Empty for safety properties and older files.
 */
public final class FairnessLabel {
    private FairnessLabel() {
    }

    public static String of(PropertyResult pr) {
        StringBuilder sb = new StringBuilder();
        if (pr.livelockClass() != null) {
            sb.append(' ').append(pr.livelockClass());
        }
        if (pr.fairness() != null) {
            sb.append(" (").append(pr.fairness()).append(')');
        }
        for (int i = 1; i < pr.byFairness().size(); i++) {
            FairnessVerdict f = pr.byFairness().get(i);
            sb.append("; ").append(f.fairness()).append(": ").append(f.verdict().name());
            if (f.livelockClass() != null) {
                sb.append(' ').append(f.livelockClass());
            }
        }
        return sb.toString();
    }
}
