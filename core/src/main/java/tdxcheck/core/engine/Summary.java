package tdxcheck.core.engine;

import java.util.ArrayList;
import java.util.List;
import tdxcheck.core.spi.Model;
import tdxcheck.core.spi.StepLabel;
import tdxcheck.core.property.Property;

/** The one-line summary of a violation, used as the verdict reason and the counterexample summary. */
final class Summary {
    private Summary() {
    }

    static String of(Model model, Property property, Trace t) {
        int n = t.length();
        String steps = n == 1 ? "1 step" : n + " steps";
        switch (property.kind()) {
            case DEADLOCK: {
                List<String> unfinished = new ArrayList<>();
                long[] end = t.finalState();
                for (int a = 0; a < model.actorCount(); a++) {
                    if (!model.isFinished(end, a)) {
                        unfinished.add(model.actorName(a));
                    }
                }
                return "deadlock after " + steps + ": no action enabled, unfinished: " + String.join(", ", unfinished);
            }
            default: {
                if (n == 0) {
                    return property.id() + " violated in the initial state";
                }
                // both invariants and transition checks: name the step that breaks the property
                int a = t.action(n - 1);
                StepLabel l = model.describe(t.state(n - 1), a, t.state(n));
                return property.id() + " violated by step " + n + " (" + model.actorName(model.actorOf(a)) + ": "
                        + l.action() + (l.outcome().isEmpty() ? "" : " -> " + l.outcome()) + ")";
            }
        }
    }
}
