package io.synthsmith.evolver.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.evolver.llm.LlmConversation;
import io.synthsmith.evolver.prompts.PromptBook;
import io.synthsmith.evolver.tree.FeatureTreeStore;
import io.synthsmith.llm.LlmClient;
import io.synthsmith.llm.settings.LlmEndpointSettings;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptedLlmServer;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ClientIntelligence;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;

/**
 * What a test of the evolver's plain classes needs to talk to real parts: the scripted OpenAI-compatible server
 * (scripted replies, not a model) behind the real LLM client, and feature trees on the embedded Infinispan.
 */
public final class ScriptedLlmAndTree implements AutoCloseable {

    private static final String CACHE = "<local-cache name=\"{name}\"><encoding media-type=\"application/x-protostream\"/>"
            + "</local-cache>";

    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final ScriptedLlmServer server;
    public final PromptBook prompts = new PromptBook("v1");
    private final Vertx vertx = Vertx.vertx();
    private final RemoteCacheManager infinispan;
    private final LlmClient client;

    public ScriptedLlmAndTree(Script script) {
        infinispan = new RemoteCacheManager(new ConfigurationBuilder()
                .addServers(EmbeddedInfrastructureResource.infrastructure().infinispan().hotRodHosts())
                .clientIntelligence(ClientIntelligence.BASIC).build());
        server = ScriptedLlmServer.start(script);
        client = new LlmClient(vertx, LlmEndpointSettings.builder("task-evolver", server.baseUrl(), "scripted").build(),
                registry);
    }

    /** A conversation with the scripted server through the real client. */
    public LlmConversation conversation() {
        return new LlmConversation(client, prompts, registry);
    }

    /** A tree store on the embedded Infinispan that follows every change before each snapshot. */
    public FeatureTreeStore trees() {
        return new FeatureTreeStore(infinispan, "synthsmith-features-test-", CACHE, 3, Duration.ZERO, registry);
    }

    @Override
    public void close() {
        client.close();
        server.close();
        infinispan.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
