package io.synthsmith.llm;

import io.micrometer.core.instrument.MeterRegistry;
import io.synthsmith.llm.ChatCompletionsWire.MalformedReplyException;
import io.synthsmith.llm.ChatCompletionsWire.Reply;
import io.synthsmith.llm.ChatCompletionsWire.StreamedReply;
import io.synthsmith.llm.settings.EndpointDialect;
import io.synthsmith.llm.settings.LlmEndpointSettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One stage's client for an OpenAI-compatible chat-completions endpoint (vLLM, SGLang, Ollama, OpenAI, Azure
 * OpenAI's {@code /openai/v1}). Build one per stage and share it:
 *
 * <pre>{@code
 * LlmClient solver = new LlmClient(vertx, LlmSettingsResolver.resolve(config, "solver"), meterRegistry);
 * solver.chat(ChatRequest.of(systemPrompt, task).withSamples(8))
 *       .thenAccept(result -> result.choices().forEach(...));
 * }</pre>
 *
 * <p>A call asks for all its choices in one request; when the endpoint answers fewer (it ignores {@code n}), the
 * rest come from parallel single requests, and the client remembers to use single requests from then on. Each
 * HTTP request passes the {@link AdaptiveConcurrencyLimit}, and is retried on 429, 408, 5xx, timeouts, broken
 * connections and malformed replies with backoff (honouring {@code Retry-After}) until {@code max-attempts} or
 * {@code retry-budget} runs out. Failures end the returned stage with an {@link LlmException}.
 *
 * <p>The returned stages complete on a Vert.x event-loop thread: do not block in stages chained to them.
 */
public final class LlmClient implements AutoCloseable {

    /** The request header that names the stage (harmless to real servers; the scripted server matches on it). */
    public static final String STAGE_HEADER = "X-SynthSmith-Stage";

    private static final Logger LOG = Logger.getLogger(LlmClient.class);
    private static final int LOGGED_PROMPT_CHARS = 200;
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final LlmEndpointSettings settings;
    private final HttpClient http;
    private final AdaptiveConcurrencyLimit limit;
    private final LlmMetrics metrics;
    private final ChatCompletionsWire wire;
    private final RetryBackoff backoff;
    private final AtomicBoolean endpointIgnoresN = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final URI endpoint;
    private final EndpointDialect dialect;
    private final String authorizationHeader;
    private final String authorization;

    /**
     * A client for the endpoint in {@code settings}, running its HTTP on {@code vertx} and reporting to
     * {@code registry}. Use one client per stage: its meters are tagged with the stage and model.
     */
    public LlmClient(Vertx vertx, LlmEndpointSettings settings, MeterRegistry registry) {
        this.vertx = vertx;
        this.settings = settings;
        this.endpoint = URI.create(settings.chatCompletionsUrl());
        this.dialect = settings.modelDialect();
        boolean azureKey = dialect.apiKeyHeader() == EndpointDialect.ApiKeyHeader.API_KEY;
        this.authorizationHeader = azureKey ? "api-key" : "authorization";
        this.authorization = settings.apiKey().map(key -> azureKey ? key : "Bearer " + key).orElse(null);
        this.limit = new AdaptiveConcurrencyLimit(settings.maxConcurrency());
        this.metrics = new LlmMetrics(registry, settings.stage(), settings.model(), limit);
        this.wire = new ChatCompletionsWire(settings);
        this.backoff = new RetryBackoff(settings.backoffBase(), settings.backoffMax());
        int connectTimeout = (int) Math.min(settings.timeout().toMillis(), MAX_CONNECT_TIMEOUT.toMillis());
        this.http = vertx.createHttpClient(new HttpClientOptions()
                        .setName("synthsmith-llm-" + settings.stage())
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        .setDecompressionSupported(true)
                        .setConnectTimeout(connectTimeout),
                new PoolOptions().setHttp1MaxSize(settings.maxConcurrency()).setMaxWaitQueueSize(-1));
    }

    /**
     * Asks for the request's choices ({@code n} from the request, else the stage's).
     *
     * @return a stage that completes with all the choices, or fails with {@link LlmException.Rejected} (a status
     * not worth retrying) or {@link LlmException.GaveUp} (retry budget spent)
     */
    public CompletionStage<ChatResult> chat(ChatRequest request) {
        if (closed.get()) {
            throw new IllegalStateException("the LLM client of stage '" + settings.stage() + "' is closed");
        }
        long started = System.nanoTime();
        int n = request.samples().orElse(settings.samples());
        if (LOG.isDebugEnabled()) {
            String prompt = request.messages().get(request.messages().size() - 1).content();
            LOG.debugf("stage '%s' asks %s (model %s) for %d choice(s); last message starts: %s", settings.stage(),
                    settings.baseUrl(), settings.model(), n, prompt.length() <= LOGGED_PROMPT_CHARS ? prompt
                            : prompt.substring(0, LOGGED_PROMPT_CHARS) + "...");
        }
        CompletableFuture<ChatResult> result = new CompletableFuture<>();
        collect(request, n).whenComplete((reply, error) -> {
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            if (error == null) {
                metrics.succeeded(latency, reply.usage());
                result.complete(new ChatResult(reply.model(), reindexed(reply.choices()), reply.usage(), latency,
                        reply.attempts(), reply.ids()));
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof LlmException failure) {
                metrics.failed(failure, latency);
                LOG.debugf("stage '%s' call failed: %s", settings.stage(), failure.getMessage());
            }
            result.completeExceptionally(cause);
        });
        return result;
    }

    /** The adaptive concurrency limit of this client, to read its limit, in-flight and waiting counts. */
    public AdaptiveConcurrencyLimit concurrency() {
        return limit;
    }

    /** The settings this client was built with. */
    public LlmEndpointSettings settings() {
        return settings;
    }

    /** Whether this client found that its endpoint ignores {@code n} and now uses parallel single requests. */
    public boolean endpointIgnoresN() {
        return endpointIgnoresN.get();
    }

    /** Closes the HTTP connections and removes this client's gauges; calls still running fail. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.close();
            metrics.close();
        }
    }

    private static List<ChatChoice> reindexed(List<ChatChoice> choices) {
        List<ChatChoice> indexed = new ArrayList<>(choices.size());
        for (ChatChoice choice : choices) {
            indexed.add(choice.index() == indexed.size() ? choice : choice.withIndex(indexed.size()));
        }
        return indexed;
    }

    private CompletableFuture<Reply> collect(ChatRequest request, int n) {
        if (n > 1 && (endpointIgnoresN.get() || !dialect.n())) {
            metrics.fellBackFromN();
            return singles(request, n, null);
        }
        return call(request, n).thenCompose(first -> {
            int got = first.choices().size();
            if (got >= n) {
                return CompletableFuture.completedFuture(got == n ? first
                        : new Reply(first.model(), first.choices().subList(0, n), first.usage(), first.attempts(),
                        false, first.ids()));
            }
            if (first.partial()) {
                // a stream broke off: keep the choices that ended, ask only for the missing ones
                LOG.infof("stage '%s': the stream of %s broke off with %d of %d choices finished; asking for the %d "
                        + "missing", settings.stage(), settings.model(), got, n, n - got);
                return collect(request, n - got).thenApply(rest -> merge(List.of(first, rest)));
            }
            if (endpointIgnoresN.compareAndSet(false, true)) {
                LOG.infof("The LLM endpoint %s of stage '%s' answered %d of %d choices: it ignores n. Further "
                                + "calls ask for their choices with parallel single requests.", settings.baseUrl(),
                        settings.stage(), got, n);
            }
            metrics.fellBackFromN();
            return singles(request, n - got, first);
        });
    }

    private CompletableFuture<Reply> singles(ChatRequest request, int count, Reply prior) {
        List<CompletableFuture<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(call(request, 1));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Reply> replies = new ArrayList<>();
            if (prior != null) {
                replies.add(prior);
            }
            calls.forEach(call -> replies.add(call.join()));
            return merge(replies);
        });
    }

    private static Reply merge(List<Reply> replies) {
        List<ChatChoice> choices = new ArrayList<>();
        TokenUsage usage = TokenUsage.NONE;
        int attempts = 0;
        List<String> ids = new ArrayList<>();
        for (Reply reply : replies) {
            ids.addAll(reply.ids());
            for (ChatChoice choice : reply.choices()) {
                choices.add(choice.withIndex(choices.size()));
            }
            usage = usage.plus(reply.usage());
            attempts += reply.attempts();
        }
        return new Reply(replies.get(0).model(), choices, usage, attempts, false, ids);
    }

    private CompletableFuture<Reply> call(ChatRequest request, int n) {
        CompletableFuture<Reply> done = new CompletableFuture<>();
        new RetryingCall(wire.encode(request, n), done).attempt(1);
        return done;
    }

    private RequestOptions requestOptions() {
        boolean ssl = "https".equalsIgnoreCase(endpoint.getScheme());
        int port = endpoint.getPort() != -1 ? endpoint.getPort() : ssl ? 443 : 80;
        String path = endpoint.getRawPath() + (endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(endpoint.getHost())
                .setPort(port)
                .setSsl(ssl)
                .setURI(path)
                .putHeader("content-type", "application/json")
                .putHeader("accept", dialect.stream() ? "text/event-stream" : "application/json")
                .putHeader(STAGE_HEADER, settings.stage());
        if (authorization != null) {
            options.putHeader(authorizationHeader, authorization);
        }
        return options;
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** One request with its retries; completes {@code done} once. */
    private final class RetryingCall {
        private final Buffer body;
        private final CompletableFuture<Reply> done;
        private final long startedNanos = System.nanoTime();

        RetryingCall(Buffer body, CompletableFuture<Reply> done) {
            this.body = body;
            this.done = done;
        }

        void attempt(int number) {
            limit.acquire(permit -> {
                Attempt attempt = new Attempt(this, number, permit);
                try {
                    attempt.start();
                } catch (RuntimeException e) {
                    attempt.settle(new AttemptFailure.ConnectionFailed(describe(e)), null);
                }
            });
        }

        void succeeded(int number, Reply reply) {
            done.complete(reply.withAttempts(number));
        }

        void failed(int number, AttemptFailure failure) {
            metrics.attemptFailed(failure);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
            if (failure instanceof AttemptFailure.HttpStatus status && !status.retryable()) {
                done.completeExceptionally(new LlmException.Rejected(settings.stage(), settings.baseUrl(), number,
                        status));
                return;
            }
            if (number >= settings.maxAttempts()) {
                giveUp(number, elapsed, LlmException.Exhausted.ATTEMPTS, failure);
                return;
            }
            Optional<Duration> retryAfter = failure instanceof AttemptFailure.HttpStatus status
                    ? status.retryAfter() : Optional.empty();
            Duration wait = backoff.before(number, retryAfter);
            if (elapsed.plus(wait).compareTo(settings.retryBudget()) > 0) {
                giveUp(number, elapsed, LlmException.Exhausted.TIME, failure);
                return;
            }
            if (closed.get()) {
                giveUp(number, elapsed, LlmException.Exhausted.CLIENT_CLOSED, failure);
                return;
            }
            metrics.retried();
            LOG.debugf("stage '%s' attempt %d failed (%s); retry in %d ms", settings.stage(), number,
                    failure.describe(), wait.toMillis());
            vertx.setTimer(Math.max(1, wait.toMillis()), id -> attempt(number + 1));
        }

        private void giveUp(int number, Duration elapsed, LlmException.Exhausted exhausted, AttemptFailure failure) {
            done.completeExceptionally(new LlmException.GaveUp(settings.stage(), settings.baseUrl(), number, elapsed,
                    exhausted, failure));
        }
    }

    /** One HTTP exchange under one concurrency permit; settles exactly once, first of reply, error or timeout. */
    private final class Attempt {
        private final RetryingCall call;
        private final int number;
        private final AdaptiveConcurrencyLimit.Permit permit;
        private long timer;
        private HttpClientRequest request;
        private boolean settled;

        Attempt(RetryingCall call, int number, AdaptiveConcurrencyLimit.Permit permit) {
            this.call = call;
            this.number = number;
            this.permit = permit;
        }

        void start() {
            armTimer();
            http.request(requestOptions()).onComplete(connected -> {
                if (connected.failed()) {
                    settle(connectionFailure(connected.cause()), null);
                    return;
                }
                if (!attach(connected.result())) {
                    return;
                }
                connected.result().send(call.body).onComplete(sent -> {
                    if (sent.failed()) {
                        settle(connectionFailure(sent.cause()), null);
                        return;
                    }
                    HttpClientResponse response = sent.result();
                    if (dialect.stream() && response.statusCode() / 100 == 2 && String.valueOf(
                            response.getHeader("content-type")).startsWith("text/event-stream")) {
                        stream(response);
                        return;
                    }
                    response.body().onComplete(read -> {
                        if (read.failed()) {
                            settle(read.cause() instanceof TimeoutException
                                    ? new AttemptFailure.Timeout(settings.timeout())
                                    : new AttemptFailure.TruncatedReply(describe(read.cause())), null);
                        } else {
                            interpret(response, read.result());
                        }
                    });
                });
            });
        }

        /** With streaming, the timer is the idle timeout, re-armed at each chunk; else the attempt's timeout. */
        private synchronized void armTimer() {
            if (settled) {
                return;
            }
            if (timer != 0) {
                vertx.cancelTimer(timer);
            }
            Duration limit = dialect.stream() ? settings.streamIdleTimeout() : settings.timeout();
            timer = vertx.setTimer(limit.toMillis(), id -> idle(limit));
        }

        private StreamedReply streamed;

        private void idle(Duration limit) {
            StreamedReply sofar;
            synchronized (this) {
                sofar = streamed;
            }
            if (sofar != null && sofar.anyFinished()) {
                settlePartial(sofar, "no chunk for " + limit.toMillis() + " ms");
                return;
            }
            settle(new AttemptFailure.Timeout(limit), null);
        }

        private void stream(HttpClientResponse response) {
            StreamedReply reply = wire.streamed();
            synchronized (this) {
                streamed = reply;
            }
            response.handler(chunk -> {
                armTimer();
                try {
                    reply.feed(chunk);
                } catch (MalformedReplyException e) {
                    settle(new AttemptFailure.MalformedReply(e.getMessage()), null);
                }
            });
            response.exceptionHandler(error -> {
                if (reply.anyFinished()) {
                    settlePartial(reply, describe(error));
                } else {
                    settle(error instanceof TimeoutException ? new AttemptFailure.Timeout(settings.streamIdleTimeout())
                            : new AttemptFailure.TruncatedReply(describe(error)), null);
                }
            });
            response.endHandler(end -> {
                try {
                    if (reply.done()) {
                        settle(null, reply.reply(false));
                    } else if (reply.anyFinished()) {
                        settlePartial(reply, "the stream ended without [DONE]");
                    } else {
                        settle(new AttemptFailure.TruncatedReply("the stream ended without [DONE] and without a "
                                + "finished choice"), null);
                    }
                } catch (MalformedReplyException e) {
                    settle(new AttemptFailure.MalformedReply(e.getMessage()), null);
                }
            });
        }

        /** A stream that broke off after some choices ended: they are kept, the rest are asked again. */
        private void settlePartial(StreamedReply reply, String why) {
            try {
                Reply partial = reply.reply(true);
                LOG.debugf("stage '%s': stream broke off (%s) with %d finished choice(s)", settings.stage(), why,
                        partial.choices().size());
                metrics.attemptFailed(new AttemptFailure.TruncatedReply(why));
                settle(null, partial);
            } catch (MalformedReplyException e) {
                settle(new AttemptFailure.TruncatedReply(why), null);
            }
        }

        private synchronized boolean attach(HttpClientRequest created) {
            if (settled) {
                created.reset();
                return false;
            }
            request = created;
            return true;
        }

        private void interpret(HttpClientResponse response, Buffer body) {
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                try {
                    settle(null, wire.decode(body));
                } catch (MalformedReplyException e) {
                    settle(new AttemptFailure.MalformedReply(e.getMessage()), null);
                }
                return;
            }
            Optional<Duration> retryAfter = RetryBackoff.parseRetryAfter(response.getHeader("retry-after"),
                    Instant.now());
            settle(new AttemptFailure.HttpStatus(status, ChatCompletionsWire.excerpt(body), retryAfter), null);
        }

        private AttemptFailure connectionFailure(Throwable error) {
            if (error instanceof TimeoutException) {
                return new AttemptFailure.ConnectionFailed("no connection to " + settings.baseUrl() + " within "
                        + Math.min(settings.timeout().toMillis(), MAX_CONNECT_TIMEOUT.toMillis()) + " ms");
            }
            return new AttemptFailure.ConnectionFailed(describe(error));
        }

        private void settle(AttemptFailure failure, Reply reply) {
            HttpClientRequest toReset;
            synchronized (this) {
                if (settled) {
                    return;
                }
                settled = true;
                vertx.cancelTimer(timer);
                toReset = failure != null && !(failure instanceof AttemptFailure.HttpStatus) || reply != null
                        && reply.partial() ? request : null;
            }
            if (toReset != null) {
                toReset.reset();
            }
            AdaptiveConcurrencyLimit.Signal signal = reply != null ? AdaptiveConcurrencyLimit.Signal.SUCCEEDED
                    : failure instanceof AttemptFailure.HttpStatus status && status.status() == 429
                    ? AdaptiveConcurrencyLimit.Signal.OVERLOADED : AdaptiveConcurrencyLimit.Signal.NEUTRAL;
            permit.release(signal);
            if (reply != null) {
                call.succeeded(number, reply);
            } else {
                call.failed(number, failure);
            }
        }
    }
}
