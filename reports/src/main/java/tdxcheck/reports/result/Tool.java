package tdxcheck.reports.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

@JsonPropertyOrder({"name", "version"})
public record Tool(String name, String version) {
}
