package tdxcheck.reports;

/**
 * The one way every report names a lasso's cycle: by its step range, {@code "cycle 19-23"} (steps
 * 19 to 23 repeat forever; after step 23 the system is where it was after step 18). The checker's
 * reason and the baseline use the same words.
 */
public final class CycleName {
    private CycleName() {
    }

    /** {@code "cycle 19-23"} for a lasso of {@code steps} steps whose cycle starts after step {@code loopBack}. */
    public static String of(int loopBack, int steps) {
        return "cycle " + (loopBack + 1) + "-" + steps;
    }

    /** {@code "cycle 19-23 repeats forever"}. */
    public static String repeats(int loopBack, int steps) {
        return of(loopBack, steps) + " repeats forever";
    }

    /** The closing line: {@code "cycle 19-23 repeats: after step 23 the state is the one after step 18"}. */
    public static String closes(int loopBack, int steps) {
        return of(loopBack, steps) + " repeats: after step " + steps + " the state is "
                + (loopBack == 0 ? "the initial state" : "the one after step " + loopBack);
    }
}
