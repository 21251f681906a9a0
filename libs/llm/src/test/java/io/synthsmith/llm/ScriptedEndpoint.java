package io.synthsmith.llm;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synthsmith.llm.settings.LlmEndpointSettings;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptedLlmServer;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A scripted server and a client of it, with fast backoff, for one test. */
final class ScriptedEndpoint implements AutoCloseable {

    static final String STAGE = "solver";
    static final String MODEL = "test-model";
    static final String API_KEY = "sk-test-9f8e7d6c5b4a";

    final ScriptedLlmServer server;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final LlmClient client;
    private final Vertx vertx;

    private ScriptedEndpoint(Script script, String model, UnaryOperator<LlmEndpointSettings.Builder> tuning) {
        this.server = ScriptedLlmServer.start(script);
        this.vertx = Vertx.vertx();
        this.client = new LlmClient(vertx, tuning.apply(defaults(server.baseUrl(), model)).build(), registry);
    }

    static ScriptedEndpoint start(Script script) {
        return new ScriptedEndpoint(script, MODEL, builder -> builder);
    }

    static ScriptedEndpoint start(Script script, UnaryOperator<LlmEndpointSettings.Builder> tuning) {
        return new ScriptedEndpoint(script, MODEL, tuning);
    }

    /** A client of {@code model} (the scripted server may route on it). */
    static ScriptedEndpoint start(Script script, String model, UnaryOperator<LlmEndpointSettings.Builder> tuning) {
        return new ScriptedEndpoint(script, model, tuning);
    }

    static LlmEndpointSettings.Builder defaults(String baseUrl) {
        return defaults(baseUrl, MODEL);
    }

    static LlmEndpointSettings.Builder defaults(String baseUrl, String model) {
        return LlmEndpointSettings.builder(STAGE, baseUrl, model)
                .apiKey(API_KEY)
                .timeout(Duration.ofSeconds(10))
                .retries(4, Duration.ofMinutes(1))
                .backoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    /** The result of {@code stage}, or the exception it failed with, within 30 seconds. */
    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new CompletionException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        server.close();
    }
}
