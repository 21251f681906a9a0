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
 */
public record ChatResult(String model, List<ChatChoice> choices, TokenUsage usage, Duration latency, int attempts) {

    public ChatResult {
        Objects.requireNonNull(model, "model");
        choices = List.copyOf(choices);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(latency, "latency");
    }

    /** The first choice (a call always has at least one). */
    public ChatChoice first() {
        return choices.get(0);
    }
}
