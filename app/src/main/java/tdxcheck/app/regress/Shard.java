package tdxcheck.app.regress;

import java.util.ArrayList;
import java.util.List;

/**
 * One of {@code count} deterministic slices of a list of independent runs: run {@code k} (in the
 * list's own order) belongs to shard {@code k mod count}. Round-robin keeps the shards balanced
 * when neighbouring runs cost alike (the matrix lists a scenario's policies together), and needs
 * nothing but the index, so a CI matrix job or a Kubernetes Indexed Job
 * ({@code JOB_COMPLETION_INDEX}) can compute its slice alone.
 *
 * @param index this shard, {@code 0 .. count-1}
 * @param count the number of shards
 */
public record Shard(int index, int count) {
    /** The whole list. */
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard must be I/N with 0 <= I < N, got " + index + "/" + count);
        }
    }

    /** Parses {@code "I/N"}; a bad value is a one-line {@link IllegalArgumentException}. */
    public static Shard parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        if (slash < 1 || slash == t.length() - 1) {
            throw new IllegalArgumentException("--shard must be I/N (e.g. 0/4; I counts from 0), got '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(t.substring(0, slash)), Integer.parseInt(t.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard must be I/N (e.g. 0/4; I counts from 0), got '" + text + "'");
        }
    }

    /** Whether run {@code k} of the list belongs to this shard. */
    public boolean contains(int k) {
        return k % count == index;
    }

    /** This shard's elements of {@code all}, in order. */
    public <T> List<T> of(List<T> all) {
        List<T> l = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (contains(k)) {
                l.add(all.get(k));
            }
        }
        return l;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
