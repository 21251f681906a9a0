package io.synthsmith.embedded.cli;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Asks a service on this machine whether it is ready ({@code /q/health/ready}) and for its counters
 * ({@code /q/metrics}), with short timeouts: a service that is down or stuck is reported, never waited for.
 */
public final class ServiceProbe {

    /** What the readiness check found. */
    public enum Health {
        /** HTTP 200. */
        READY,
        /** Another status (503 while Kafka or Infinispan is not reachable yet). */
        NOT_READY,
        /** Nothing listens on the port: not started yet, or gone. */
        NO_LISTENER,
        /** Something listens but did not answer in time: stuck or starved. */
        NO_ANSWER
    }

    /** What a service answered: its health, and its metrics (null with the reason when they are missing). */
    public record Reading(Health health, PrometheusText metrics, String problem) {
    }

    private final HttpClient http;
    private final String host;
    private final Duration timeout;

    public ServiceProbe(String host, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.host = host;
        this.timeout = timeout;
    }

    /** Starts both requests to the service on {@code port}; the future completes within about the timeout. */
    public CompletableFuture<Reading> read(int port) {
        CompletableFuture<Answer> health = get(port, "/q/health/ready");
        CompletableFuture<Answer> metrics = get(port, "/q/metrics");
        return health.thenCombine(metrics, (h, m) -> reading(port, h, m))
                .completeOnTimeout(new Reading(Health.NO_ANSWER, null, "no answer within " + timeout.toMillis()
                        + " ms"), timeout.toMillis() + 200, TimeUnit.MILLISECONDS);
    }

    /** A response, or the failure that took its place. */
    private record Answer(HttpResponse<String> response, Throwable failure) {
    }

    private static Reading reading(int port, Answer health, Answer metrics) {
        Health state = health.response() != null
                ? health.response().statusCode() == 200 ? Health.READY : Health.NOT_READY
                : refused(health.failure()) ? Health.NO_LISTENER : Health.NO_ANSWER;
        if (metrics.response() == null) {
            return new Reading(state, null, refused(metrics.failure()) ? "nothing listens on :" + port
                    : "GET :" + port + "/q/metrics failed: " + describe(metrics.failure()));
        }
        if (metrics.response().statusCode() != 200) {
            return new Reading(state, null, "GET :" + port + "/q/metrics answered HTTP "
                    + metrics.response().statusCode());
        }
        try {
            return new Reading(state, PrometheusText.parse(metrics.response().body()), null);
        } catch (IllegalArgumentException e) {
            return new Reading(state, null, "GET :" + port + "/q/metrics: " + e.getMessage());
        }
    }

    private static boolean refused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** The body of {@code GET path} on {@code port} when it answers 200 in time, else null. */
    public CompletableFuture<String> body(int port, String path) {
        return get(port, path).thenApply(answer -> answer.response() != null && answer.response().statusCode() == 200
                ? answer.response().body() : null)
                .completeOnTimeout(null, timeout.toMillis() + 200, TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<Answer> get(int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                .timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> new Answer(response, failure));
    }
}
