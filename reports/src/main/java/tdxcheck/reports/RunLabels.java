package tdxcheck.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tdxcheck.reports.result.Run;

/**
 * What tells apart runs of one scenario under one policy: the parameters whose values differ
 * among them, e.g. "vcpus=3" for the second of two frozen-spte-race runs at 2 and 3 vCPUs, in the
 * run's parameter order. A run that is the only one of its scenario and policy gets "", so the
 * usual names stay short. The verdict matrix, the report's section titles and the trace file
 * names ({@link ReportNames}) all use it.
 */
public final class RunLabels {
    private RunLabels() {
    }

    /** The tag of each run, index for index ("" when nothing needs telling apart). */
    public static List<String> tags(List<Run> runs) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            groups.computeIfAbsent(r.scenario() + "\u0000" + r.policy().label(), k -> new ArrayList<>()).add(i);
        }
        List<String> tags = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            tags.add("");
        }
        for (List<Integer> group : groups.values()) {
            if (group.size() < 2) {
                continue;
            }
            Set<String> differing = new LinkedHashSet<>();
            for (int i : group) {
                for (String key : runs.get(i).params().keySet()) {
                    for (int j : group) {
                        if (!Objects.equals(runs.get(i).params().get(key), runs.get(j).params().get(key))) {
                            differing.add(key);
                        }
                    }
                }
            }
            for (int i : group) {
                List<String> kv = new ArrayList<>();
                for (String key : differing) {
                    kv.add(key + "=" + runs.get(i).params().get(key));
                }
                tags.set(i, String.join(",", kv));
            }
        }
        return tags;
    }

    /** "frozen-spte-race vcpus=3", or the bare scenario when the tag is empty. */
    public static String scenario(Run run, String tag) {
        return tag.isEmpty() ? run.scenario() : run.scenario() + " " + tag;
    }
}
