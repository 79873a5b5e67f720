package tdxcheck.junit;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The first answer a user policy gave to each possible question (the arguments are enums and
 * booleans: a finite table, one int each, no allocation per call); a different answer to the same
 * question later is a {@link StatefulPolicyException}. Only user classes are guarded; the
 * built-in policies are stateless by construction and run unwrapped.
 */
final class StatelessGuard {
    private final String policy;
    private final AtomicIntegerArray answers;

    StatelessGuard(Object userPolicy, String id, int questions) {
        this.policy = "'" + id + "' (" + userPolicy.getClass().getName() + ")";
        this.answers = new AtomicIntegerArray(questions);
    }

    /**
     * Records answer {@code ordinal} to {@code question}; returns -1, or the first answer's ordinal
     * when this one differs (the caller then throws {@link #stateful}).
     */
    int answer(int question, int ordinal) {
        int v = ordinal + 1;
        if (answers.compareAndSet(question, 0, v)) {
            return -1;
        }
        int first = answers.get(question);
        return first == v ? -1 : first - 1;
    }

    StatefulPolicyException stateful(String question, Object first, Object now) {
        return new StatefulPolicyException("policy " + policy + " is not stateless: it answered " + question
                + " with " + first + " and later with " + now + ". A policy's answer may depend only on its"
                + " arguments: state it needs (a counter, a flag) belongs in the model state, not in the policy"
                + " object (docs/user-policy.md)");
    }
}
