package io.synthsmith.llm.settings;

import io.synthsmith.llm.SamplingParameters;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one pipeline stage needs to talk to its chat-completions endpoint. Read it from configuration with
 * {@link LlmSettingsResolver#resolve}, or build it with {@link #builder} in tests and tools.
 *
 * @param stage          the pipeline stage, e.g. {@code solver}; tags metrics and goes out as a request header
 * @param baseUrl        the OpenAI-style base URL, ending before {@code /chat/completions}, e.g.
 *                       {@code http://localhost:8000/v1}
 * @param apiKey         the API key sent as {@code Authorization: Bearer}, if any; never printed
 * @param model          the model name sent in each request
 * @param sampling       the stage's sampling parameters; unset ones are left out of requests
 * @param samples        how many choices ({@code n}) a request asks for unless it says otherwise
 * @param extraBody      extra top-level fields merged into every request body (explicit parameters win)
 * @param timeout        how long one attempt may take, from asking for a connection to the last byte
 * @param maxConcurrency the cap of the adaptive concurrency limit (requests in flight at once)
 * @param maxAttempts    attempts per request, the first included
 * @param retryBudget    no retry starts once this much time has passed since the first attempt
 * @param backoffBase    the backoff ceiling of the first retry; it doubles with each retry
 * @param backoffMax     the largest backoff ceiling
 * @param dialect        how the endpoint speaks (reasoning source, accepted parameters, streaming, key header)
 * @param streamIdleTimeout with streaming, the longest pause between two chunks (and before the first) before the
 *                       attempt is abandoned; {@code timeout} does not apply then
 * @param modelDialects  dialects of particular models, which override {@code dialect} for clients of those models
 *                       ({@link #withModel})
 */
public record LlmEndpointSettings(String stage, String baseUrl, Optional<String> apiKey, String model,
                                  SamplingParameters sampling, int samples, Map<String, Object> extraBody,
                                  Duration timeout, int maxConcurrency, int maxAttempts, Duration retryBudget,
                                  Duration backoffBase, Duration backoffMax, EndpointDialect dialect,
                                  Duration streamIdleTimeout, Map<String, EndpointDialect> modelDialects) {

    /** Default per-attempt timeout: long reasoning answers take minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    /** Default cap of requests in flight per stage. */
    public static final int DEFAULT_MAX_CONCURRENCY = 64;
    /** Default attempts per request, the first included. */
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    /** Default time after the first attempt beyond which no retry starts. */
    public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofMinutes(30);
    /** Default backoff ceiling of the first retry. */
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofSeconds(1);
    /** Default largest backoff ceiling. */
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(60);
    /** Default longest pause between streamed chunks: prefill of a long prompt, or a stalled server. */
    public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofMinutes(2);

    public LlmEndpointSettings {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sampling, "sampling");
        extraBody = Collections.unmodifiableMap(new LinkedHashMap<>(extraBody));
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryBudget, "retryBudget");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(streamIdleTimeout, "streamIdleTimeout");
        modelDialects = Map.copyOf(modelDialects);
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("the base URL of stage '" + stage + "' must start with http:// or "
                    + "https://, e.g. http://localhost:8000/v1; got '" + baseUrl + "'");
        }
        requirePositive(samples, "samples (n)");
        requirePositive(maxConcurrency, "maxConcurrency");
        requirePositive(maxAttempts, "maxAttempts");
        if (streamIdleTimeout.isNegative() || streamIdleTimeout.isZero()) {
            throw new IllegalArgumentException("the stream idle timeout of stage '" + stage + "' must be positive");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout of stage '" + stage + "' must be positive");
        }
    }

    /** Starts settings for {@code stage} with the defaults of every optional field. */
    public static Builder builder(String stage, String baseUrl, String model) {
        return new Builder(stage, baseUrl, model);
    }

    /**
     * The URL requests are sent to: the base URL followed by {@code /chat/completions}, and the dialect's
     * {@code api-version} query parameter when it has one.
     */
    public String chatCompletionsUrl() {
        return baseUrl + "/chat/completions" + modelDialect().apiVersion()
                .map(version -> "?api-version=" + java.net.URLEncoder.encode(version,
                        java.nio.charset.StandardCharsets.UTF_8)).orElse("");
    }

    /**
     * These settings for another model on the same endpoint; {@link #modelDialect()} then gives that model's dialect
     * when {@code modelDialects} names one (e.g. an OpenAI reasoning model beside a chat model).
     */
    public LlmEndpointSettings withModel(String otherModel) {
        return new LlmEndpointSettings(stage, baseUrl, apiKey, otherModel, sampling, samples, extraBody, timeout,
                maxConcurrency, maxAttempts, retryBudget, backoffBase, backoffMax,
                dialect, streamIdleTimeout, modelDialects);
    }

    /** The dialect requests of this model are sent in: its own from {@code modelDialects}, else the endpoint's. */
    public EndpointDialect modelDialect() {
        return modelDialects.getOrDefault(model, dialect);
    }

    /** Like the record's, but with the API key redacted. */
    @Override
    public String toString() {
        return "LlmEndpointSettings[stage=" + stage + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey.isPresent() ? "<redacted>" : "<none>") + ", model=" + model + ", sampling=" + sampling
                + ", samples=" + samples + ", extraBody=" + extraBody.keySet() + ", timeout=" + timeout
                + ", maxConcurrency=" + maxConcurrency + ", maxAttempts=" + maxAttempts + ", retryBudget="
                + retryBudget + ", backoffBase=" + backoffBase + ", backoffMax=" + backoffMax + ", dialect=" + dialect
                + ", streamIdleTimeout=" + streamIdleTimeout + ", modelDialects=" + modelDialects.keySet() + "]";
    }

    private void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " of stage '" + stage + "' must be at least 1, got " + value);
        }
    }

    /** Builds {@link LlmEndpointSettings}; every optional field starts at its documented default. */
    public static final class Builder {
        private final String stage;
        private final String baseUrl;
        private final String model;
        private String apiKey;
        private SamplingParameters sampling = SamplingParameters.UNSET;
        private int samples = 1;
        private Map<String, Object> extraBody = Map.of();
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration retryBudget = DEFAULT_RETRY_BUDGET;
        private Duration backoffBase = DEFAULT_BACKOFF_BASE;
        private Duration backoffMax = DEFAULT_BACKOFF_MAX;
        private EndpointDialect dialect = EndpointDialect.GENERIC;
        private Duration streamIdleTimeout = DEFAULT_STREAM_IDLE_TIMEOUT;
        private Map<String, EndpointDialect> modelDialects = Map.of();

        private Builder(String stage, String baseUrl, String model) {
            this.stage = stage;
            this.baseUrl = baseUrl;
            this.model = model;
        }

        /** The API key, or null for none. */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** The stage's sampling parameters. */
        public Builder sampling(SamplingParameters parameters) {
            this.sampling = parameters;
            return this;
        }

        /** Choices per request ({@code n}) by default. */
        public Builder samples(int n) {
            this.samples = n;
            return this;
        }

        /** Extra fields merged into every request body. */
        public Builder extraBody(Map<String, Object> fields) {
            this.extraBody = fields;
            return this;
        }

        /** The per-attempt timeout. */
        public Builder timeout(Duration perAttempt) {
            this.timeout = perAttempt;
            return this;
        }

        /** The cap of requests in flight. */
        public Builder maxConcurrency(int cap) {
            this.maxConcurrency = cap;
            return this;
        }

        /** Attempts per request and the time after which no retry starts. */
        public Builder retries(int attempts, Duration budget) {
            this.maxAttempts = attempts;
            this.retryBudget = budget;
            return this;
        }

        /** The backoff ceiling of the first retry and the largest one. */
        public Builder backoff(Duration base, Duration max) {
            this.backoffBase = base;
            this.backoffMax = max;
            return this;
        }

        /** How the endpoint speaks; {@link EndpointDialect#GENERIC} by default. */
        public Builder dialect(EndpointDialect endpointDialect) {
            this.dialect = endpointDialect;
            return this;
        }

        /** The longest pause between streamed chunks. */
        public Builder streamIdleTimeout(Duration idle) {
            this.streamIdleTimeout = idle;
            return this;
        }

        /** Dialects of particular models on this endpoint. */
        public Builder modelDialects(Map<String, EndpointDialect> dialects) {
            this.modelDialects = dialects;
            return this;
        }

        /** The settings. */
        public LlmEndpointSettings build() {
            return new LlmEndpointSettings(stage, baseUrl, Optional.ofNullable(apiKey).filter(k -> !k.isBlank()),
                    model, sampling, samples, extraBody, timeout, maxConcurrency, maxAttempts, retryBudget,
                    backoffBase, backoffMax, dialect, streamIdleTimeout, modelDialects);
        }
    }
}
