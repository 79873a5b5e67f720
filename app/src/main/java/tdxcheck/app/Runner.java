package tdxcheck.app;

import java.util.ArrayList;
import java.util.List;
import tdxcheck.app.check.ResultMapper;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Described;
import tdxcheck.core.check.CheckResult;
import tdxcheck.core.check.Checker;
import tdxcheck.core.property.Property;
import tdxcheck.core.spi.ModelException;
import tdxcheck.reports.result.Run;

/**
 * The one path from a {@link RunRequest} to a result: builds the target, keeps the selected
 * properties, runs the core {@link Checker} (its only caller) and maps the outcome to the
 * tdxcheck-result/1 {@link Run}.
 */
public final class Runner {
    private Runner() {
    }

    /** The checked properties' ids, each known to the family; a one-line ModelException otherwise. */
    public static void checkPropertyIds(tdxcheck.core.catalog.Catalog catalog, List<String> ids) {
        for (String p : ids) {
            if (catalog.properties().stream().noneMatch(d -> d.id().equals(p))) {
                throw new ModelException("unknown property '" + p + "' (known: " + String.join(", ",
                        catalog.properties().stream().map(Described::id).toList()) + ")");
            }
        }
    }

    /** Builds the request's target (explicit or from its scenario) with only the selected properties. */
    public static CheckTarget target(RunRequest r) {
        checkPropertyIds(r.catalog(), r.properties());
        CheckTarget t = r.target() != null ? r.target()
                : r.catalog().scenario(r.scenario()).build(r.params(), r.policy());
        if (r.properties().isEmpty()) {
            return t;
        }
        List<Property> keep = new ArrayList<>();
        for (Property p : t.properties()) {
            if (r.properties().contains(p.id())) {
                keep.add(p);
            }
        }
        return new CheckTarget(t.model(), keep);
    }

    /** Checks the request: the core result, for callers that want the statistics or the traces. */
    public static CheckResult check(RunRequest r) {
        return Checker.check(target(r), r.search(), r.fairness());
    }

    /** Checks the request and maps it to the result data model. */
    public static Run run(RunRequest r) {
        return toRun(r, check(r));
    }

    public static Run toRun(RunRequest r, CheckResult c) {
        return ResultMapper.toRun(c, r.scenario(), ResultMapper.policy(r.catalog(), r.policy()), r.params());
    }
}
