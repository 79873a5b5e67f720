package tdxcheck.reports.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The verdict of one property in one run. {@code reason} is one line: why INCONCLUSIVE (the
 * bound hit), or a short summary of a violation. {@code counterexample} is null unless VIOLATED.
 * {@code violations} counts violating states found (more than 1 only with --all).
 *
 * <p>Liveness only (additive fields of tdxcheck-result/1, absent for safety properties and in
 * older files): {@code fairness}, the fairness the verdict was decided under; {@code
 * livelockClass}, for VIOLATED, {@code robust} (violated under hw) or {@code adversarial}
 * (violated only under a weaker assumption), null when not known; {@code byFairness}, the verdict
 * under every fairness the run asked for, the deciding one first.
 */
@JsonPropertyOrder({"property", "verdict", "reason", "violations", "fairness", "livelockClass", "byFairness",
    "counterexample"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PropertyResult(String property, Verdict verdict, String reason, long violations,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String fairness,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String livelockClass,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FairnessVerdict> byFairness,
                             Counterexample counterexample) {

    public PropertyResult {
        byFairness = byFairness == null ? List.of() : List.copyOf(byFairness);
    }

    /** A result without fairness information (safety properties, older files). */
    public PropertyResult(String property, Verdict verdict, String reason, long violations,
                          Counterexample counterexample) {
        this(property, verdict, reason, violations, null, null, List.of(), counterexample);
    }
}
