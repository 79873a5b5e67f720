package tdxcheck.reports.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What produced a result. {@code commit} (the source commit the tool was built from, "-dirty"
 * when the tree had changes) and {@code model} (a fingerprint of the family's declarations and
 * model classes, see {@code tdxcheck --version}) are additions: two results with equal
 * {@code model} were checked against the same model; null in documents from older versions.
 */
@JsonPropertyOrder({"name", "version", "commit", "model"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tool(String name, String version, String commit, String model) {
    public Tool(String name, String version) {
        this(name, version, null, null);
    }
}
