package io.synthsmith.bench.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline: a bare Vert.x HTTP client that keeps a fixed number of requests in flight, parses each reply as
 * JSON, and has no limiter, retries, reasoning split or metrics. What the real client adds is measured against it.
 */
final class BareHttpBaseline {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BareHttpBaseline() {
    }

    static RunFigures run(Vertx vertx, String chatUrl, Optional<String> apiKey, Buffer body, int concurrency,
                          int requests) {
        URI uri = URI.create(chatUrl);
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(concurrency));
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            if (issued.getAndIncrement() >= requests) {
                return;
            }
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost())
                    .setPort(uri.getPort() != -1 ? uri.getPort() : ssl ? 443 : 80).setSsl(ssl)
                    .setURI(uri.getRawPath()).putHeader("content-type", "application/json");
            apiKey.ifPresent(key -> options.putHeader("authorization", "Bearer " + key));
            http.request(options)
                    .compose(request -> request.send(body))
                    .compose(response -> response.body().compose(reply -> response.statusCode() == 200
                            ? parses(reply) : Future.failedFuture("HTTP " + response.statusCode())))
                    .onComplete(result -> {
                        inFlight.decrementAndGet();
                        if (result.failed()) {
                            errors.incrementAndGet();
                        }
                        if (completed.incrementAndGet() == requests) {
                            done.complete(null);
                        } else {
                            next[0].run();
                        }
                    });
        };
        long started = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            next[0].run();
        }
        done.join();
        long nanos = System.nanoTime() - started;
        http.close().toCompletionStage().toCompletableFuture().join();
        return new RunFigures(requests, nanos, errors.get(), maxInFlight.get());
    }

    private static Future<Void> parses(Buffer reply) {
        try {
            JSON.readTree(reply.getBytes());
            return Future.succeededFuture();
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
    }
}
