package tdxcheck.reports.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The whole tdxcheck-result/1 document: the single source every report is rendered from.
 * {@code status} and {@code plannedRuns} (additive, null in older results) say whether the
 * document is the whole answer: {@value #COMPLETE}, {@value #PARTIAL} (written after each
 * finished run; a run still going, or killed) or {@value #INTERRUPTED} (SIGINT/SIGTERM).
 */
@JsonPropertyOrder({"schema", "tool", "status", "plannedRuns", "runs"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Result(String schema, Tool tool, String status, Integer plannedRuns, List<Run> runs) {
    public static final String SCHEMA = "tdxcheck-result/1";
    public static final String COMPLETE = "complete";
    public static final String PARTIAL = "partial";
    public static final String INTERRUPTED = "interrupted";

    public Result {
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    public Result(String schema, Tool tool, List<Run> runs) {
        this(schema, tool, null, null, runs);
    }

    public static Result of(String version, List<Run> runs) {
        return new Result(SCHEMA, new Tool("tdxcheck", version), runs);
    }

    public static Result of(Tool tool, List<Run> runs) {
        return new Result(SCHEMA, tool, runs);
    }

    /** This document with its progress: {@code status} after {@code runs().size()} of {@code planned} runs. */
    public Result withProgress(String status, int planned) {
        return new Result(schema, tool, status, planned, runs);
    }

    /**
     * One line when the document is not the whole answer ("interrupted after 3 of 15 runs",
     * "partial: 3 of 15 runs finished"), else null.
     */
    @JsonIgnore
    public String progressNote() {
        String of = plannedRuns == null ? "" : " of " + plannedRuns;
        if (INTERRUPTED.equals(status)) {
            return "interrupted after " + runs.size() + of + " runs";
        }
        if (PARTIAL.equals(status)) {
            return "partial: " + runs.size() + of + " runs finished (still running, or stopped)";
        }
        return null;
    }
}
