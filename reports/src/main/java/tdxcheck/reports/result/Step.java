package tdxcheck.reports.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a counterexample (1-based {@code index}). {@code outcome} is the SEAMCALL return
 * code such as {@code TDX_OPERAND_BUSY|SEPT_TREE}, a KVM result such as {@code RET_PF_RETRY}, or
 * "". {@code changes} are the state fields this step changed (new values); {@code locks} are the
 * lock owners after the step (every lock, held or not); {@code resources} the holders of the
 * model's other resource lanes after the step (a frozen entry, a window, a flag; "-" is free).
 * {@code note} is an optional remark: who blocked a failed attempt, that an actor was preempted,
 * that a lasso depends on VP.ENTER's momentary epoch hold. Missing collections (a file written by
 * another tool may omit the fields beyond the contract) read as empty, a missing outcome as "".
 */
@JsonPropertyOrder({"index", "actor", "action", "outcome", "changes", "locks", "resources", "note"})
public record Step(int index, String actor, String action, String outcome, Map<String, String> changes,
                   Map<String, String> locks,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> resources, String note) {
    @JsonCreator
    public Step {
        changes = changes == null ? new LinkedHashMap<>() : new LinkedHashMap<>(changes);
        locks = locks == null ? new LinkedHashMap<>() : new LinkedHashMap<>(locks);
        resources = resources == null ? new LinkedHashMap<>() : new LinkedHashMap<>(resources);
        outcome = outcome == null ? "" : outcome;
        note = note == null ? "" : note;
    }

    /** A step of a model without resource lanes. */
    public Step(int index, String actor, String action, String outcome, Map<String, String> changes,
                Map<String, String> locks, String note) {
        this(index, actor, action, outcome, changes, locks, null, note);
    }

    /** The same step with {@code note} in place of its note. */
    public Step withNote(String note) {
        return new Step(index, actor, action, outcome, changes, locks, resources, note);
    }
}
