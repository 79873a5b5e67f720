package tdxcheck.reports.result;

/** A property's verdict. A bound hit is INCONCLUSIVE, never HOLDS. */
public enum Verdict {
    HOLDS, VIOLATED, INCONCLUSIVE
}
