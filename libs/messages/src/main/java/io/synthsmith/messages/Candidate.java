package io.synthsmith.messages;

/**
 * One candidate solution: the model's long reasoning, its final answer, the code extracted from it, and
 * what the model reported about the generation.
 *
 * @param reasoningChars  the length of {@code reasoning} in characters, recorded so that exports and selection can
 *                        use it; null in messages written before it existed
 * @param reasoningHidden true when the model reasoned but its endpoint returned no text of it (OpenAI and Azure
 *                        reasoning models), so that an SFT row can say its reasoning is missing by design; null or
 *                        false otherwise
 */
public record Candidate(
        String id,
        String model,
        Language language,
        String reasoning,
        String answer,
        String code,
        String finishReason,
        TokenUsage usage,
        Integer reasoningChars,
        Boolean reasoningHidden) {

    /** A candidate without the reasoning length and visibility (messages of earlier producers). */
    public Candidate(String id, String model, Language language, String reasoning, String answer, String code,
            String finishReason, TokenUsage usage) {
        this(id, model, language, reasoning, answer, code, finishReason, usage, null, null);
    }

    /** Tokens a model reported for one generation; a count the server did not report is null. */
    public record TokenUsage(Long promptTokens, Long completionTokens, Long reasoningTokens) {
    }
}
