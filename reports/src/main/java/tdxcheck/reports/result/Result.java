package tdxcheck.reports.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The whole tdxcheck-result/1 document: the single source every report is rendered from. */
@JsonPropertyOrder({"schema", "tool", "runs"})
public record Result(String schema, Tool tool, List<Run> runs) {
    public static final String SCHEMA = "tdxcheck-result/1";

    public Result {
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    public static Result of(String version, List<Run> runs) {
        return new Result(SCHEMA, new Tool("tdxcheck", version), runs);
    }

    public static Result of(Tool tool, List<Run> runs) {
        return new Result(SCHEMA, tool, runs);
    }
}
