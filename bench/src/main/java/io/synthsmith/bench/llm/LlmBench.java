package io.synthsmith.bench.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synthsmith.llm.ChatRequest;
import io.synthsmith.llm.LlmClient;
import io.synthsmith.llm.SamplingParameters;
import io.synthsmith.llm.settings.LlmEndpointSettings;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import io.synthsmith.scriptedllm.ScriptedLlmServer;
import io.synthsmith.scriptedllm.ScriptedResponse;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code bin/synthsmith bench llm}: the throughput of {@link LlmClient} against an endpoint, next to a bare Vert.x
 * client loop and, for a scripted endpoint, the ceiling {@code min(concurrency, capacity) / latency}. Prints one
 * JSON line on stdout; progress goes to stderr.
 */
public final class LlmBench {

    private static final String STAGE = "bench";
    private static final ChatRequest REQUEST = ChatRequest.of("You are a benchmark. Answer in one word.",
            "Reply with the word ok.");

    private LlmBench() {
    }

    /** Runs the benchmark described by {@code args} (see {@link LlmBenchOptions#USAGE}). */
    public static void main(String[] args) {
        if (Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("--help")) {
            System.out.print(LlmBenchOptions.USAGE);
            return;
        }
        LlmBenchOptions options;
        try {
            options = LlmBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("synthsmith bench llm: " + e.getMessage());
            System.err.print(LlmBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.out.println(run(options));
        System.exit(0);
    }

    static String run(LlmBenchOptions options) {
        ScriptedLlmServer server = options.scripted() ? ScriptedLlmServer.start(Script.of(
                        ScriptRule.always(ScriptedResponse.completion("ok")))
                .withLatency(Duration.ofMillis(options.latencyMs())).withCapacity(options.capacity())
                .withRecordLimit(0)) : null;
        Vertx vertx = Vertx.vertx();
        try {
            String baseUrl = server != null ? server.baseUrl() : options.baseUrl().orElseThrow();
            LlmEndpointSettings settings = LlmEndpointSettings.builder(STAGE, baseUrl, options.model())
                    .apiKey(System.getenv("SYNTHSMITH_LLM_API_KEY"))
                    .sampling(SamplingParameters.UNSET.withMaxTokens(options.maxTokens()))
                    .maxConcurrency(options.concurrency())
                    .timeout(Duration.ofSeconds(120))
                    .build();
            Buffer bareBody = Buffer.buffer(new ObjectMapper().createObjectNode().put("model", options.model())
                    .put("max_tokens", options.maxTokens()).set("messages", new ObjectMapper().valueToTree(List.of(
                            Map.of("role", "system", "content", REQUEST.messages().get(0).content()),
                            Map.of("role", "user", "content", REQUEST.messages().get(1).content()))))
                    .toString());

            progress("warming up with " + options.warmup() + " requests per client");
            if (options.warmup() > 0) {
                measureClient(vertx, settings, options.warmup());
                if (options.baseline()) {
                    BareHttpBaseline.run(vertx, settings.chatCompletionsUrl(), settings.apiKey(), bareBody,
                            options.concurrency(), options.warmup());
                }
            }
            RunFigures baseline = null;
            if (options.baseline()) {
                progress("measuring the bare Vert.x baseline: " + options.requests() + " requests");
                baseline = BareHttpBaseline.run(vertx, settings.chatCompletionsUrl(), settings.apiKey(), bareBody,
                        options.concurrency(), options.requests());
            }
            progress("measuring the SynthSmith LLM client: " + options.requests() + " requests");
            RunFigures client = measureClient(vertx, settings, options.requests());
            return report(options, baseUrl, client, baseline, server);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            if (server != null) {
                server.close();
            }
        }
    }

    private static RunFigures measureClient(Vertx vertx, LlmEndpointSettings settings, int requests) {
        try (LlmClient client = new LlmClient(vertx, settings, new SimpleMeterRegistry())) {
            long started = System.nanoTime();
            List<CompletableFuture<Boolean>> calls = new ArrayList<>(requests);
            for (int i = 0; i < requests; i++) {
                calls.add(client.chat(REQUEST).toCompletableFuture().handle((result, error) -> error == null));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
            long nanos = System.nanoTime() - started;
            int errors = (int) calls.stream().filter(call -> !call.join()).count();
            return new RunFigures(requests, nanos, errors, client.concurrency().peakInFlight());
        }
    }

    private static String report(LlmBenchOptions options, String baseUrl, RunFigures client, RunFigures baseline,
                                 ScriptedLlmServer server) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode line = json.createObjectNode()
                .put("bench", "llm")
                .put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("endpoint", server != null ? "scripted (in process, not a model)" : baseUrl)
                .put("model", options.model())
                .put("concurrency", options.concurrency());
        client.writeTo(line);
        if (server != null) {
            double ceiling = options.latencyMs() == 0 ? 0
                    : Math.min(options.concurrency(), options.capacity()) * 1000.0 / options.latencyMs();
            line.putObject("scripted").put("latency_ms", options.latencyMs()).put("capacity", options.capacity())
                    .put("max_concurrent_requests_seen", server.maxConcurrentRequests());
            if (ceiling > 0) {
                line.put("ceiling_requests_per_second", RunFigures.round(ceiling))
                        .put("ratio_to_ceiling", RunFigures.round(client.requestsPerSecond() / ceiling));
            }
        }
        if (baseline != null) {
            baseline.writeTo(line.putObject("baseline").put("kind",
                    "bare Vert.x HTTP client loop, no limiter or retries"));
            line.put("ratio_to_baseline", RunFigures.round(client.requestsPerSecond()
                    / baseline.requestsPerSecond()));
        }
        line.put("warmup_requests", options.warmup())
                .put("java", Runtime.version().feature())
                .put("cpus", Runtime.getRuntime().availableProcessors());
        return line.toString();
    }

    private static void progress(String message) {
        System.err.println("synthsmith bench llm: " + message);
    }
}
