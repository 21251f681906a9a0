package io.synthsmith.solver.probe;

import io.micrometer.core.instrument.MeterRegistry;
import io.synthsmith.llm.LlmClient;
import io.synthsmith.llm.settings.EndpointDialect;
import io.synthsmith.llm.settings.LlmEndpointSettings;
import io.synthsmith.messages.RunConfig;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One {@link LlmClient} per probe endpoint that runs name ({@code run.probe}: base URL, model, dialect, key), made on
 * first use and kept. A probe client takes the solver's timeouts, retries, concurrency cap and sampling, and the
 * probe's own base URL, model, dialect preset (else the solver's dialect) and API key (read from the environment
 * variable the run names); it sends no {@code extra-body}, which belongs to the solver's own endpoint.
 */
public final class ProbeClients implements AutoCloseable {

    /** The stage name probe requests carry in metrics and the stage header. */
    public static final String STAGE = "solver-probe";

    private final Vertx vertx;
    private final LlmEndpointSettings solver;
    private final MeterRegistry registry;
    private final UnaryOperator<String> environment;
    private final int maxEndpoints;
    private final Map<RunConfig.Probe, LlmClient> clients = new ConcurrentHashMap<>();

    /**
     * @param solver       the solver's endpoint settings, whose limits and sampling probe clients take
     * @param environment  looks an environment variable up (null when unset)
     * @param maxEndpoints the most probe endpoints kept at once
     */
    public ProbeClients(Vertx vertx, LlmEndpointSettings solver, MeterRegistry registry,
            UnaryOperator<String> environment, int maxEndpoints) {
        this.vertx = vertx;
        this.solver = solver;
        this.registry = registry;
        this.environment = environment;
        this.maxEndpoints = maxEndpoints;
    }

    /**
     * The client of {@code probe} (its {@code attempts} ignored), made on first use.
     *
     * @throws IllegalArgumentException when the probe cannot be reached as configured: a bad base URL, an unknown
     *                                  dialect, an API key variable that is not set, too many probe endpoints
     */
    public LlmClient forProbe(RunConfig.Probe probe) {
        RunConfig.Probe key = new RunConfig.Probe(probe.baseUrl(), probe.model(), null, probe.dialect(),
                probe.apiKeyEnv());
        LlmClient client = clients.get(key);
        if (client != null) {
            return client;
        }
        synchronized (clients) {
            return clients.computeIfAbsent(key, this::create);
        }
    }

    private LlmClient create(RunConfig.Probe probe) {
        if (probe.baseUrl() == null || probe.model() == null || probe.model().isBlank()) {
            throw new IllegalArgumentException("the run's probe needs a baseUrl and a model, got baseUrl="
                    + probe.baseUrl() + ", model=" + probe.model());
        }
        if (clients.size() >= maxEndpoints) {
            throw new IllegalArgumentException("the solver already has clients for " + clients.size()
                    + " probe endpoints and a run names another; raise synthsmith.solver.max-models "
                    + "(SYNTHSMITH_SOLVER_MAX_MODELS)");
        }
        Optional<String> apiKey = Optional.empty();
        if (probe.apiKeyEnv() != null) {
            String value = environment.apply(probe.apiKeyEnv());
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("the run's probe takes its API key from environment variable "
                        + probe.apiKeyEnv() + ", which is not set in the solver");
            }
            apiKey = Optional.of(value);
        }
        EndpointDialect dialect = probe.dialect() == null ? solver.dialect() : EndpointDialect.preset(probe.dialect());
        LlmEndpointSettings settings = new LlmEndpointSettings(STAGE, probe.baseUrl(), apiKey, probe.model(),
                solver.sampling(), 1, Map.of(), solver.timeout(), solver.maxConcurrency(), solver.maxAttempts(),
                solver.retryBudget(), solver.backoffBase(), solver.backoffMax(), dialect,
                solver.streamIdleTimeout(), Map.of());
        return new LlmClient(vertx, settings, registry);
    }

    @Override
    public void close() {
        clients.values().forEach(LlmClient::close);
        clients.clear();
    }
}
