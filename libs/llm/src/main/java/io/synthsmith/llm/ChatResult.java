package io.synthsmith.llm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The answer to one {@link ChatRequest}: as many choices as it asked for.
 *
 * @param model    the model that answered, as the server names it
 * @param choices  the choices, indexed from 0
 * @param usage    tokens used, summed over the HTTP requests that made the choices
 * @param latency  time from the call to its result, queueing and retries included
 * @param attempts HTTP attempts made, retries and the parallel requests of an endpoint that ignores {@code n}
 *                 included
 * @param responseIds the {@code id}s the server gave its completions (one per HTTP reply that made choices), to
 *                    name a reply in logs and rejections
 */
public record ChatResult(String model, List<ChatChoice> choices, TokenUsage usage, Duration latency, int attempts,
                         List<String> responseIds) {

    public ChatResult {
        Objects.requireNonNull(model, "model");
        choices = List.copyOf(choices);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(latency, "latency");
        responseIds = List.copyOf(responseIds);
    }

    /** A result whose completions' ids are unknown. */
    public ChatResult(String model, List<ChatChoice> choices, TokenUsage usage, Duration latency, int attempts) {
        this(model, choices, usage, latency, attempts, List.of());
    }

    /** The first choice (a call always has at least one). */
    public ChatChoice first() {
        return choices.get(0);
    }
}
