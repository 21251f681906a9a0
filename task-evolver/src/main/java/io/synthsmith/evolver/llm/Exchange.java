package io.synthsmith.evolver.llm;

import io.synthsmith.llm.TokenUsage;
import io.synthsmith.messages.Lineage;
import java.util.List;

/**
 * The outcome of asking the LLM for a reply of a given shape, with bounded retries: {@link Parsed} or
 * {@link Unparsable}. An LLM that cannot be reached at all fails with an {@code LlmException} instead.
 */
public sealed interface Exchange<T> permits Exchange.Parsed, Exchange.Unparsable {

    int attempts();

    /** The tokens the endpoint reported over every attempt. */
    TokenUsage usage();

    /** {@link #usage()} as a lineage cost. */
    default Lineage.Cost cost() {
        TokenUsage usage = usage();
        return new Lineage.Cost(usage.promptTokens(), usage.completionTokens(),
                usage.reasoningTokens().isPresent() ? usage.reasoningTokens().getAsLong() : null, 0);
    }

    /** A reply parsed into {@code value} after {@code attempts} attempts, written by {@code model}. */
    record Parsed<T>(T value, String model, int attempts, TokenUsage usage) implements Exchange<T> {

        public Parsed(T value, String model, int attempts) {
            this(value, model, attempts, TokenUsage.NONE);
        }
    }

    /** No reply parsed within the attempts; {@code errors} holds why, per attempt. */
    record Unparsable<T>(List<String> errors, int attempts, TokenUsage usage) implements Exchange<T> {

        public Unparsable {
            errors = List.copyOf(errors);
        }

        public Unparsable(List<String> errors, int attempts) {
            this(errors, attempts, TokenUsage.NONE);
        }

        public String lastError() {
            return errors.get(errors.size() - 1);
        }
    }
}
