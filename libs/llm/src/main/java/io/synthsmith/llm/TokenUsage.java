package io.synthsmith.llm;

import java.util.OptionalLong;

/**
 * Tokens a call used, summed over its HTTP requests (retries excluded: a failed attempt reports no usage).
 *
 * @param promptTokens     prompt tokens
 * @param completionTokens completion tokens, reasoning included
 * @param reasoningTokens  the reasoning part of the completion tokens, when the server reports it
 */
public record TokenUsage(long promptTokens, long completionTokens, OptionalLong reasoningTokens) {

    /** No tokens. */
    public static final TokenUsage NONE = new TokenUsage(0, 0, OptionalLong.empty());

    /** The sum of this usage and {@code other}; reasoning is reported when either reports it. */
    public TokenUsage plus(TokenUsage other) {
        OptionalLong reasoning = reasoningTokens.isPresent() || other.reasoningTokens.isPresent()
                ? OptionalLong.of(reasoningTokens.orElse(0) + other.reasoningTokens.orElse(0))
                : OptionalLong.empty();
        return new TokenUsage(promptTokens + other.promptTokens, completionTokens + other.completionTokens,
                reasoning);
    }

    /** Prompt and completion tokens together. */
    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
