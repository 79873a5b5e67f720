package tdxcheck.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A preempted stretch of a trace: an actor that could have stepped (it had an enabled action)
 * takes no step for at least {@link #MIN_STEPS} consecutive steps while others move. The trace
 * says so in the note of the step that ends the stretch (the actor's own step when it resumes,
 * else the last step it stayed still), as "vcpu0 preempted in steps 7-31"; the HTML report
 * reads the notes back and draws the stretch on the actor's lane. Ten steps: in the scenarios'
 * counterexamples, plain interleaving keeps a ready actor waiting for at most a handful of steps
 * (two SEAMCALL halves and a guest access of each other actor), so ten means the schedule is
 * starving it on purpose, as a preempted thread is in the real system.
 */
public record Preempted(String actor, int from, int to) {
    /** The shortest stretch that counts as preempted. */
    public static final int MIN_STEPS = 10;
    private static final Pattern NOTE = Pattern.compile("(\\S+) preempted in steps (\\d+)-(\\d+)");

    /** The note text, e.g. "vcpu0 preempted in steps 7-31". */
    public String note() {
        return actor + " preempted in steps " + from + "-" + to;
    }

    /** {@code note} without its preempted stretches (and the "; " that joined them). */
    public static String strip(String note) {
        if (note == null) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String part : note.split("; ")) {
            if (!NOTE.matcher(part).matches()) {
                kept.add(part);
            }
        }
        return String.join("; ", kept);
    }

    /** Every stretch a step note names. */
    public static List<Preempted> parse(String note) {
        List<Preempted> out = new ArrayList<>();
        if (note == null) {
            return out;
        }
        Matcher m = NOTE.matcher(note);
        while (m.find()) {
            out.add(new Preempted(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        return out;
    }
}
