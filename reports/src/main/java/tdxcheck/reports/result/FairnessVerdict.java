package tdxcheck.reports.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The verdict of a liveness property under one fairness assumption, when a run decided it under
 * several ({@code --fairness hw,weak}). {@code livelockClass}: for VIOLATED, {@code robust} (a
 * livelock under hw) or {@code adversarial} (violated here but not under hw); null when unknown.
 * {@code cycleSteps}: the reported lasso's cycle length, or null. {@code states} and {@code
 * seconds}: the distinct states of the graph this fairness was decided on (hw searches the model
 * with its momentary windows bounded, a graph of its own) and the time of the search and the check.
 */
@JsonPropertyOrder({"fairness", "verdict", "livelockClass", "violations", "cycleSteps", "states", "seconds",
    "reason"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FairnessVerdict(String fairness, Verdict verdict, String livelockClass, long violations,
                              Integer cycleSteps, Long states, Double seconds, String reason) {
}
