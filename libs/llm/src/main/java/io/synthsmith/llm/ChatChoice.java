package io.synthsmith.llm;

import java.util.Objects;

/**
 * One sampled answer.
 *
 * @param index           position among the call's choices, from 0
 * @param answer          the final answer text, with any {@code <think>} block removed; empty when there is none
 * @param reasoning       the reasoning text (from {@code reasoning_content}, {@code reasoning} or {@code <think>}
 *                        tags); empty when the model gave none
 * @param finishReason    why the model stopped; {@link FinishReason#LENGTH} means the answer is truncated
 * @param reasoningHidden whether the model reasoned but the endpoint returned no text of it (OpenAI and Azure
 *                        reasoning models: the dialect says so, or the usage counts reasoning tokens and no text
 *                        came)
 * @param usage           this choice's share of its request's tokens: the prompt split evenly among the request's
 *                        choices, the completion (and reasoning) in proportion to the characters each choice wrote
 */
public record ChatChoice(int index, String answer, String reasoning, FinishReason finishReason,
                         boolean reasoningHidden, TokenUsage usage) {

    public ChatChoice {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(usage, "usage");
    }

    /** A choice with visible (or no) reasoning and no usage share. */
    public ChatChoice(int index, String answer, String reasoning, FinishReason finishReason) {
        this(index, answer, reasoning, finishReason, false, TokenUsage.NONE);
    }

    /** Whether the token limit cut this choice: its answer or reasoning is incomplete. */
    public boolean truncated() {
        return finishReason == FinishReason.LENGTH;
    }

    /** Whether the model gave reasoning text. */
    public boolean hasReasoning() {
        return !reasoning.isEmpty();
    }

    ChatChoice withIndex(int newIndex) {
        return new ChatChoice(newIndex, answer, reasoning, finishReason, reasoningHidden, usage);
    }

    ChatChoice withUsage(TokenUsage share) {
        return new ChatChoice(index, answer, reasoning, finishReason, reasoningHidden, share);
    }
}
