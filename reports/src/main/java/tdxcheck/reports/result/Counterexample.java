package tdxcheck.reports.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replayable counterexample.
 *
 * <ul>
 *   <li>{@code kind}: SAFETY, DEADLOCK or LIVENESS.</li>
 *   <li>{@code loopBackIndex}: for a lasso, the index of the step the cycle returns to: after the
 *       last step the system is in the state it was in after step {@code loopBackIndex}
 *       ("back to step k"; 0 means the initial state). Null for non-lassos.</li>
 *   <li>{@code initialState}: every field of the initial state; with the steps' {@code changes}
 *       any step's full state can be rebuilt.</li>
 *   <li>{@code actors}: the actors of the model in lane order; an actor's colour in a report is
 *       fixed by its position here.</li>
 *   <li>{@code initialResources}: the model's resource lanes in the initial state (lane name to
 *       holder, "-" free); each step's {@code resources} gives them after the step.</li>
 *   <li>{@code replay}: the initial-state index and the action ids, which replay through the
 *       model to the final state.</li>
 * </ul>
 */
@JsonPropertyOrder({"kind", "summary", "loopBackIndex", "actors", "initialState", "initialResources", "steps",
    "replay"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Counterexample(String kind, String summary, Integer loopBackIndex, List<String> actors,
                             Map<String, String> initialState,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> initialResources,
                             List<Step> steps, Replay replay) {
    @JsonCreator
    public Counterexample {
        actors = actors == null ? List.of() : List.copyOf(actors);
        initialState = initialState == null ? new LinkedHashMap<>() : new LinkedHashMap<>(initialState);
        initialResources = initialResources == null ? new LinkedHashMap<>() : new LinkedHashMap<>(initialResources);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** A counterexample of a model without resource lanes. */
    public Counterexample(String kind, String summary, Integer loopBackIndex, List<String> actors,
                          Map<String, String> initialState, List<Step> steps, Replay replay) {
        this(kind, summary, loopBackIndex, actors, initialState, null, steps, replay);
    }

    public boolean isLasso() {
        return loopBackIndex != null;
    }

    /** Full state after step {@code index} (0 = initial), rebuilt from the changes. */
    public Map<String, String> stateAfter(int index) {
        Map<String, String> s = new LinkedHashMap<>(initialState);
        for (Step st : steps) {
            if (st.index() > index) {
                break;
            }
            s.putAll(st.changes());
        }
        return s;
    }
}
