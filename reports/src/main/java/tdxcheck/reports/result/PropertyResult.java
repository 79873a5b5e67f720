package tdxcheck.reports.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The verdict of one property in one run. {@code reason} is one line: why INCONCLUSIVE (the
 * bound hit), or a short summary of a violation. {@code counterexample} is null unless VIOLATED.
 * {@code violations} counts violating states found (more than 1 only with --all).
 */
@JsonPropertyOrder({"property", "verdict", "reason", "violations", "counterexample"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PropertyResult(String property, Verdict verdict, String reason, long violations,
                             Counterexample counterexample) {
}
