package tdxcheck.reports.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** How to replay a counterexample through the model: initial-state index and action ids in order. */
@JsonPropertyOrder({"initialState", "actions"})
public record Replay(int initialState, List<Integer> actions) {
    public Replay {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }
}
