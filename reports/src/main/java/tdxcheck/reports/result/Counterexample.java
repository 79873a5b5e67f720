package tdxcheck.reports.result;

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
 *   <li>{@code actors}: the actors of the model in lane order.</li>
 *   <li>{@code replay}: the initial-state index and the action ids, which replay through the
 *       model to the final state.</li>
 * </ul>
 */
@JsonPropertyOrder({"kind", "summary", "loopBackIndex", "actors", "initialState", "steps", "replay"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Counterexample(String kind, String summary, Integer loopBackIndex, List<String> actors,
                             Map<String, String> initialState, List<Step> steps, Replay replay) {
    public Counterexample {
        actors = actors == null ? List.of() : List.copyOf(actors);
        initialState = initialState == null ? new LinkedHashMap<>() : new LinkedHashMap<>(initialState);
        steps = steps == null ? List.of() : List.copyOf(steps);
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
