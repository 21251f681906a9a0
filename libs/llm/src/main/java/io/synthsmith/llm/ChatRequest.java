package io.synthsmith.llm;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What to ask: the messages, and optionally a number of choices and sampling parameters that override the
 * stage's configuration for this request only.
 *
 * @param messages the conversation, at least one message
 * @param samples  how many choices ({@code n}) to get; empty uses the stage's {@code n}
 * @param sampling overrides of the stage's sampling parameters; {@link SamplingParameters#UNSET} for none
 */
public record ChatRequest(List<ChatMessage> messages, OptionalInt samples, SamplingParameters sampling) {

    public ChatRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(sampling, "sampling");
        if (samples.isPresent() && samples.getAsInt() < 1) {
            throw new IllegalArgumentException("a chat request asks for at least 1 sample, not " + samples.getAsInt());
        }
    }

    /** A request of these messages with the stage's {@code n} and sampling parameters. */
    public static ChatRequest of(ChatMessage... messages) {
        return new ChatRequest(List.of(messages), OptionalInt.empty(), SamplingParameters.UNSET);
    }

    /** A request of a system prompt and a user prompt. */
    public static ChatRequest of(String systemPrompt, String userPrompt) {
        return of(ChatMessage.system(systemPrompt), ChatMessage.user(userPrompt));
    }

    /** This request asking for {@code n} choices. */
    public ChatRequest withSamples(int n) {
        return new ChatRequest(messages, OptionalInt.of(n), sampling);
    }

    /** This request with sampling parameters that override the stage's where set. */
    public ChatRequest withSampling(SamplingParameters overrides) {
        return new ChatRequest(messages, samples, overrides);
    }
}
