package tdxcheck.core.catalog;

/** An id with its one-line description, for {@code tdxcheck list}. */
public record Described(String id, String description) {
}
