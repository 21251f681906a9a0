package io.synthsmith.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The client's Micrometer meters, all tagged {@code stage} and {@code model}. Names and tags are listed in
 * libs/llm/README.md.
 */
final class LlmMetrics {

    static final String REQUESTS = "synthsmith.llm.requests";
    static final String ERRORS = "synthsmith.llm.errors";
    static final String RETRIES = "synthsmith.llm.retries";
    static final String TOKENS = "synthsmith.llm.tokens";
    static final String LATENCY = "synthsmith.llm.latency";
    static final String IN_FLIGHT = "synthsmith.llm.in.flight";
    static final String LIMIT = "synthsmith.llm.concurrency.limit";
    static final String WAITING = "synthsmith.llm.waiting";
    static final String N_FALLBACKS = "synthsmith.llm.n.fallbacks";

    private final MeterRegistry registry;
    private final Tags tags;
    private final ConcurrentMap<String, Counter> errors = new ConcurrentHashMap<>();
    private final Counter retries;
    private final Counter nFallbacks;
    private final Counter promptTokens;
    private final Counter completionTokens;
    private final Counter reasoningTokens;
    private final List<Meter> gauges;

    LlmMetrics(MeterRegistry registry, String stage, String model, AdaptiveConcurrencyLimit limit) {
        this.registry = registry;
        this.tags = Tags.of("stage", stage, "model", model);
        this.retries = Counter.builder(RETRIES).description("LLM attempts retried").tags(tags).register(registry);
        this.nFallbacks = Counter.builder(N_FALLBACKS)
                .description("Calls whose endpoint ignored n and that took parallel single requests")
                .tags(tags).register(registry);
        this.promptTokens = tokens("prompt");
        this.completionTokens = tokens("completion");
        this.reasoningTokens = tokens("reasoning");
        this.gauges = List.of(
                Gauge.builder(IN_FLIGHT, limit, AdaptiveConcurrencyLimit::inFlight)
                        .description("LLM HTTP requests in flight").tags(tags).register(registry),
                Gauge.builder(LIMIT, limit, AdaptiveConcurrencyLimit::limit)
                        .description("Current adaptive (AIMD) concurrency limit").tags(tags).register(registry),
                Gauge.builder(WAITING, limit, AdaptiveConcurrencyLimit::waiting)
                        .description("LLM HTTP requests waiting for a concurrency slot").tags(tags)
                        .register(registry));
    }

    void succeeded(Duration latency, TokenUsage usage) {
        outcome("success", latency);
        promptTokens.increment(usage.promptTokens());
        completionTokens.increment(usage.completionTokens());
        usage.reasoningTokens().ifPresent(reasoningTokens::increment);
    }

    void failed(LlmException failure, Duration latency) {
        outcome(failure instanceof LlmException.Rejected ? "rejected" : "gave_up", latency);
    }

    void attemptFailed(AttemptFailure failure) {
        errors.computeIfAbsent(failure.kind(), kind -> Counter.builder(ERRORS)
                .description("Failed LLM HTTP attempts by kind").tags(tags).tag("kind", kind)
                .register(registry)).increment();
    }

    void retried() {
        retries.increment();
    }

    void fellBackFromN() {
        nFallbacks.increment();
    }

    /** Removes the gauges, which would otherwise keep reporting a closed client. */
    void close() {
        gauges.forEach(registry::remove);
    }

    private void outcome(String outcome, Duration latency) {
        Counter.builder(REQUESTS).description("LLM chat calls by outcome").tags(tags).tag("outcome", outcome)
                .register(registry).increment();
        Timer.builder(LATENCY).description("LLM chat call latency, queueing and retries included").tags(tags)
                .tag("outcome", outcome).register(registry).record(latency);
    }

    private Counter tokens(String type) {
        return Counter.builder(TOKENS).description("LLM tokens used").tags(tags).tag("type", type)
                .register(registry);
    }
}
