package io.synthsmith.messages;

/**
 * One candidate solution: the model's long reasoning, its final answer, the code extracted from it, and
 * what the model reported about the generation.
 */
public record Candidate(
        String id,
        String model,
        Language language,
        String reasoning,
        String answer,
        String code,
        String finishReason,
        TokenUsage usage) {

    /** Tokens a model reported for one generation; a count the server did not report is null. */
    public record TokenUsage(Long promptTokens, Long completionTokens, Long reasoningTokens) {
    }
}
