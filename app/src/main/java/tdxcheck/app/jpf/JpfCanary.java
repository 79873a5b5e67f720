package tdxcheck.app.jpf;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tdxcheck.app.RunRequest;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.reports.result.PropertyResult;
import tdxcheck.reports.result.Verdict;

/**
 * Before any JPF run: a tiny run that must come back VIOLATED (frozen-spte-race under the
 * mmu-part2 preset at zero-step threshold 1: two vCPUs faulting on one GPA reach zero-step mode
 * in 11 steps; our engine finds it in 39 states). A jpf-core that cannot run Java records (the
 * java-17 branch as published: a record's equals/hashCode/toString silently ends the calling
 * thread) reports "no errors detected" on it: that is refused with one line, never a false pass.
 * A home that passed is remembered for the rest of the process.
 */
public final class JpfCanary {
    /** The one line for a jpf-core that passes a violated model. */
    public static final String BROKEN = "this jpf-core reports no errors on a model that has one;"
            + " it cannot run Java records: see README";

    private static final Map<JpfHome, Boolean> PASSED = new ConcurrentHashMap<>();

    private JpfCanary() {
    }

    /** The canary run of {@code tdx} (the TDX family's catalog). */
    public static RunRequest request(Catalog tdx) {
        String s = "frozen-spte-race";
        return Requests.of(tdx, s, tdx.scenario(s).defaults().with("threshold", 1),
                tdx.resolvePolicy("mmu-part2", Map.of()), List.of("no-zero-step"));
    }

    /** Returns if {@code home} passes the canary; a JpfException with the one line otherwise. */
    public static void check(JpfHome home, Catalog tdx) {
        if (PASSED.containsKey(home)) {
            return;
        }
        JpfEngine.JpfRun run;
        try {
            run = JpfEngine.run(home, request(tdx), JpfEngine.Options.defaults());
        } catch (JpfException e) {
            if (e.getMessage().startsWith(JpfEngine.REFUSED)) {
                throw new JpfException(BROKEN); // "no errors detected" without running the model
            }
            throw e;
        }
        PropertyResult p = run.run().result("no-zero-step");
        if (p == null || p.verdict() != Verdict.VIOLATED || p.counterexample() == null) {
            throw new JpfException(BROKEN);
        }
        PASSED.put(home, Boolean.TRUE);
    }
}
