package io.synthsmith.llm;

import java.util.Objects;

/**
 * One sampled answer.
 *
 * @param index        position among the call's choices, from 0
 * @param answer       the final answer text, with any {@code <think>} block removed; empty when there is none
 * @param reasoning    the reasoning text (from {@code reasoning_content}, {@code reasoning} or {@code <think>}
 *                     tags); empty when the model gave none
 * @param finishReason why the model stopped; {@link FinishReason#LENGTH} means the answer is truncated
 */
public record ChatChoice(int index, String answer, String reasoning, FinishReason finishReason) {

    public ChatChoice {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(finishReason, "finishReason");
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
        return new ChatChoice(newIndex, answer, reasoning, finishReason);
    }
}
