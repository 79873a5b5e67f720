package tdxcheck.reports.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The retry policy of a run: both axes, and the preset name when one was used (else null). */
@JsonPropertyOrder({"preset", "faultRetry", "zapRetry"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Policy(String preset, String faultRetry, String zapRetry) {
    /** "upstream" or "local-retry+retry-once-then-kick". */
    public String label() {
        return preset != null ? preset : faultRetry + "+" + zapRetry;
    }
}
