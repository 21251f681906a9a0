package io.synthsmith.evolver.llm;

import java.util.List;

/**
 * The outcome of asking the LLM for a reply of a given shape, with bounded retries: {@link Parsed} or
 * {@link Unparsable}. An LLM that cannot be reached at all fails with an {@code LlmException} instead.
 */
public sealed interface Exchange<T> permits Exchange.Parsed, Exchange.Unparsable {

    int attempts();

    /** A reply parsed into {@code value} after {@code attempts} attempts, written by {@code model}. */
    record Parsed<T>(T value, String model, int attempts) implements Exchange<T> {
    }

    /** No reply parsed within the attempts; {@code errors} holds why, per attempt. */
    record Unparsable<T>(List<String> errors, int attempts) implements Exchange<T> {

        public Unparsable {
            errors = List.copyOf(errors);
        }

        public String lastError() {
            return errors.get(errors.size() - 1);
        }
    }
}
