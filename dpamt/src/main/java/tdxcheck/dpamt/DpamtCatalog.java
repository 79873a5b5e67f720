package tdxcheck.dpamt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tdxcheck.core.catalog.AxisSpec;
import tdxcheck.core.catalog.Catalog;
import tdxcheck.core.catalog.CheckTarget;
import tdxcheck.core.catalog.Described;
import tdxcheck.core.catalog.ParamSpec;
import tdxcheck.core.catalog.Params;
import tdxcheck.core.catalog.Policy;
import tdxcheck.core.catalog.Preset;
import tdxcheck.core.catalog.Scenario;
import tdxcheck.dpamt.policy.PamtPolicy;
import tdxcheck.dpamt.policy.Policies;
import tdxcheck.dpamt.property.PamtProperties;

/**
 * The {@code dpamt} family (tdx-facts §7b): Dynamic PAMT's tdx_pamt_get/put against the module's
 * 2M PAMT node lock. One policy axis, {@code pamt-lock}, with one preset per policy.
 */
public final class DpamtCatalog implements Catalog {
    public static final String FAMILY = "dpamt";

    public static final ParamSpec USERS = ParamSpec.integer("users", "users", 1, PamtShape.MAX_THREADS,
            "page threads; thread t maps and unmaps a 4K page of range t % ranges");
    public static final ParamSpec RANGES = ParamSpec.integer("ranges", "ranges", 1, 2, "2M ranges");
    public static final ParamSpec ROUNDS = ParamSpec.integer("rounds", "rounds", 1, 2,
            "map/unmap rounds per thread (get, AUG, REMOVE, put)");
    public static final ParamSpec BACKING = ParamSpec.choice("backing", "backing", Backing.ids(),
            "where PAMT.ADD's page pair lies: in the other range (its 4K walk holds that range's node S) or outside");
    public static final ParamSpec WALK_4K = ParamSpec.choice("walk-4k", "walk4k", Walk4k.ids(),
            "whether AUG/REMOVE's 4K PAMT lock holds the 2M node S (derived, UNCONFIRMED) or only the leaf");
    private static final List<ParamSpec> PARAMS = List.of(USERS, RANGES, ROUNDS, BACKING, WALK_4K);

    public static final AxisSpec PAMT_LOCK = new AxisSpec("pamt-lock", "pamtLock", "PAMT refcount policy",
            Policies.all().stream().map(p -> new Described(p.id(), p.description())).toList());

    public static final String SAME_RANGE = "same-range";
    public static final String CROSS_RANGE = "cross-range";
    public static final String SHARED_AND_CROSS = "shared-and-cross";

    private static Params params(int users, int ranges, int rounds, Backing backing) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(USERS.name(), users);
        m.put(RANGES.name(), ranges);
        m.put(ROUNDS.name(), rounds);
        m.put(BACKING.name(), backing.id());
        m.put(WALK_4K.name(), Walk4k.NODE_SHARED.id());
        return Params.of(PARAMS, m);
    }

    private record PamtScenario(String id, String description, Params defaults) implements Scenario {
        @Override
        public CheckTarget build(Params p, Policy policy) {
            return DpamtCatalog.build(p, Policies.byId(policy.value(PAMT_LOCK.name())));
        }
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new PamtScenario(SAME_RANGE,
                    "two users of one 2M range, two map/unmap rounds each: 0->1 and 1->0 race in one range",
                    params(2, 1, 2, Backing.OUTSIDE)),
            new PamtScenario(CROSS_RANGE,
                    "one user per range, two rounds each; each range's PAMT pages lie in the other range",
                    params(2, 2, 2, Backing.OTHER_RANGE)),
            new PamtScenario(SHARED_AND_CROSS,
                    "users 0 and 2 in range 0, user 1 in range 1, one round each; PAMT pages in the other range",
                    params(3, 2, 1, Backing.OTHER_RANGE)));

    /** Builds a target for a policy instance (tests pass their own policies here). */
    public static CheckTarget build(Params p, PamtPolicy policy) {
        PamtShape shape = new PamtShape(p.intValue(USERS.name()), p.intValue(RANGES.name()), p.intValue(ROUNDS.name()),
                Backing.byId(p.choice(BACKING.name())), Walk4k.byId(p.choice(WALK_4K.name())));
        PamtModel m = new PamtModel(shape, policy);
        return new CheckTarget(m, PamtProperties.all(m));
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public String description() {
        return "Dynamic PAMT (tdx-facts 7b): tdx_pamt_get/put against the 2M PAMT node lock, three refcount policies";
    }

    @Override
    public List<Scenario> scenarios() {
        return SCENARIOS;
    }


    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    @Override
    public List<AxisSpec> axes() {
        return List.of(PAMT_LOCK);
    }

    @Override
    public List<Preset> presets() {
        return Preset.perValue(PAMT_LOCK);
    }

    @Override
    public String defaultPreset() {
        return "global-lock";
    }

    /**
     * Both values of each model choice are pinned: the 4K walk holding the 2M node or not, and
     * (with two ranges) the PAMT pages in the other range or outside.
     */
    @Override
    public List<Params> baselineVariants(Scenario s) {
        List<Params> l = new ArrayList<>();
        l.add(s.defaults());
        l.add(s.defaults().with(WALK_4K.name(), Walk4k.LEAF_ONLY.id()));
        if (s.defaults().intValue(RANGES.name()) == 2) {
            l.add(s.defaults().with(BACKING.name(), Backing.OUTSIDE.id()));
        }
        return l;
    }

    @Override
    public List<Described> properties() {
        CheckTarget t = build(SCENARIOS.get(0).defaults(), Policies.byId(defaultPreset()));
        return t.properties().stream().map(p -> new Described(p.id(), p.description())).toList();
    }
}
