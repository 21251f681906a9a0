package io.synthsmith.solver.llm;

import io.micrometer.core.instrument.MeterRegistry;
import io.synthsmith.llm.LlmClient;
import io.synthsmith.llm.settings.LlmEndpointSettings;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link LlmClient} per solver model, all on the solver's endpoint and settings. A chat request cannot name
 * its model, so a run that configures several solver models gets a client for each, made on first use and kept.
 * Each client has its own concurrency limit ({@code synthsmith.solver.llm.max-concurrency}) and speaks its model's
 * dialect ({@code synthsmith.solver.llm.model-dialects}, else {@code synthsmith.solver.llm.dialect}).
 */
public final class ModelClients implements AutoCloseable {

    private final Vertx vertx;
    private final LlmEndpointSettings base;
    private final MeterRegistry registry;
    private final int maxModels;
    private final Map<String, LlmClient> clients = new ConcurrentHashMap<>();

    public ModelClients(Vertx vertx, LlmEndpointSettings base, MeterRegistry registry, int maxModels) {
        this.vertx = vertx;
        this.base = base;
        this.registry = registry;
        this.maxModels = maxModels;
    }

    /** The configured model, used when a run names none. */
    public String defaultModel() {
        return base.model();
    }

    /** The client for {@code model}, made on first use. */
    public LlmClient forModel(String model) {
        LlmClient client = clients.get(model);
        if (client != null) {
            return client;
        }
        synchronized (clients) {
            return clients.computeIfAbsent(model, name -> {
                if (clients.size() >= maxModels) {
                    throw new IllegalStateException("the solver already has clients for " + clients.size()
                            + " models " + clients.keySet() + " and a run asks for another, '" + name
                            + "'; raise synthsmith.solver.max-models (SYNTHSMITH_SOLVER_MAX_MODELS)");
                }
                return new LlmClient(vertx, base.withModel(name), registry);
            });
        }
    }


    @Override
    public void close() {
        clients.values().forEach(LlmClient::close);
        clients.clear();
    }
}
