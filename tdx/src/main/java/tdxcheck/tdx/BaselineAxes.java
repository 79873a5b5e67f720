package tdxcheck.tdx;

import java.util.List;
import tdxcheck.core.catalog.AxisSpec;

/**
 * A catalog that pins only some values of a policy axis for some scenarios in the standard
 * regression baseline (app's Regression.standardMatrix reads it): a policy that only decides
 * something in a few scenarios (the huge-page zap policies decide DEMOTE's errors) is not
 * multiplied into every other scenario. Belongs in core's Catalog as a default method; it lives
 * here while core is changed on another branch.
 */
public interface BaselineAxes {
    /** The ids of {@code axis}'s values the baseline pins for {@code scenario}, in the axis's order. */
    List<String> baselineAxisValues(String scenario, AxisSpec axis);
}
