package tdxcheck.core.catalog;

/** A retry policy choice: both axes, plus the preset name when the user chose a preset (else null). */
public record PolicySpec(String preset, String faultRetry, String zapRetry) {
    public String label() {
        return preset != null ? preset : faultRetry + "+" + zapRetry;
    }
}
