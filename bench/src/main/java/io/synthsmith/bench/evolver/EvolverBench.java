package io.synthsmith.bench.evolver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synthsmith.embedded.EmbeddedInfrastructure;
import io.synthsmith.llm.ChatRequest;
import io.synthsmith.llm.LlmClient;
import io.synthsmith.llm.settings.LlmEndpointSettings;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import io.synthsmith.scriptedllm.ScriptedLlmServer;
import io.synthsmith.scriptedllm.ScriptedResponse;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code bin/synthsmith bench evolver}: how busy the task evolver keeps a slow LLM endpoint while seeds wait.
 *
 * <p>The evolver runs as its own process (its Quarkus jar) on an embedded Kafka and Infinispan, against a scripted
 * server (not a model) with a fixed latency and a fixed number of slots. All seeds are produced at once; every
 * 250 ms the bench reads how many chat requests the server has received and how many seeds the evolver has
 * finished. Slot utilisation over the window in which seeds still wait in the topic (more seeds left than the
 * evolver works on at once) is {@code requests x latency / (slots x seconds)}; the evolver's LLM client never opens
 * more requests than the slots, so every received request is one served. The baseline, in the same invocation, is
 * the LLM client alone with every request submitted at once.
 */
public final class EvolverBench {

    private static final Pattern SEEDS_PROCESSED = Pattern.compile(
            "(?m)^synthsmith_inbound_records_total\\{[^}]*outcome=\"processed\"[^}]*topic=\"synthsmith\\.seeds\"[^}]*} "
                    + "([0-9.E]+)");
    private static final Pattern LLM_WAITING = Pattern.compile(
            "(?m)^synthsmith_llm_waiting\\{[^}]*stage=\"task-evolver\"[^}]*} ([0-9.E]+)");
    private static final Pattern MERGE_CONFLICTS = Pattern.compile(
            "(?m)^synthsmith_task_evolver_tree_merge_conflicts_total(?:\\{[^}]*})? ([0-9.E]+)");
    private static final Duration POLL = Duration.ofMillis(250);

    private EvolverBench() {
    }

    public static void main(String[] args) throws Exception {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            System.out.print(EvolverBenchOptions.USAGE);
            return;
        }
        EvolverBenchOptions options;
        try {
            options = EvolverBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("synthsmith bench evolver: " + e.getMessage());
            System.err.print(EvolverBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (!Files.isRegularFile(options.evolverJar())) {
            System.err.println("synthsmith bench evolver: no task-evolver at " + options.evolverJar()
                    + "; build it with ./mvnw -pl task-evolver -am install -DskipTests");
            System.exit(2);
        }
        System.out.println(measure(options));
        System.exit(0);
    }

    static String measure(EvolverBenchOptions options) throws Exception {
        Path dir = Files.createTempDirectory("synthsmith-bench-evolver-");
        Duration latency = Duration.ofMillis(options.latencyMs());
        Vertx vertx = Vertx.vertx();
        try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(EmbeddedInfrastructure.Settings.in(dir));
             ScriptedLlmServer llm = ScriptedLlmServer.start(script().withLatency(latency)
                     .withCapacity(options.capacity()).withRecordLimit(0))) {
            int baselineRequests = options.seeds() * (1 + options.rounds() + 2 * options.tasksPerSeed());
            note("baseline: %d requests from the LLM client alone", baselineRequests);
            double baselineSeconds = baseline(vertx, llm, options.capacity(), baselineRequests);
            double baselineBusy = busy(baselineRequests, latency, options.capacity(), baselineSeconds);

            int port = freePort();
            Process evolver = launch(options, infrastructure, llm.baseUrl(), port, dir);
            try {
                HttpClient http = HttpClient.newHttpClient();
                awaitReady(http, port, evolver);
                put(http, port, "/runs/bench", "{\"tasksPerSeed\": " + options.tasksPerSeed()
                        + ", \"evolutionRounds\": " + options.rounds() + "}");
                Window window = run(options, infrastructure, llm, http, port);
                double evolverBusy = busy(window.requests(), latency, options.capacity(), window.seconds());

                ObjectMapper json = new ObjectMapper();
                ObjectNode line = json.createObjectNode()
                        .put("seeds", options.seeds())
                        .put("latency_ms", options.latencyMs())
                        .put("capacity", options.capacity())
                        .put("seeds_in_flight", options.seedsInFlight())
                        .put("evolution_rounds", options.rounds())
                        .put("tasks_per_seed", options.tasksPerSeed())
                        .put("window_seconds", round(window.seconds()))
                        .put("window_requests", window.requests())
                        .put("total_requests", llm.chatRequestCount() - baselineRequests)
                        .put("max_concurrent_requests_seen", llm.maxConcurrentRequests())
                        .put("mean_llm_requests_waiting_in_client", round(window.meanWaiting()))
                        .put("merge_conflicts", window.mergeConflicts())
                        .put("slot_utilisation", round(evolverBusy));
                line.putObject("baseline").put("requests", baselineRequests).put("seconds", round(baselineSeconds))
                        .put("slot_utilisation", round(baselineBusy));
                line.put("ratio_to_baseline", round(evolverBusy / baselineBusy));
                return json.writeValueAsString(line);
            } finally {
                evolver.destroy();
                if (!evolver.waitFor(30, TimeUnit.SECONDS)) {
                    evolver.destroyForcibly();
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The measured window: requests the server received while seeds waited, its length, the mean number of the
     * evolver's LLM requests waiting for a slot in its client, and the merge conflicts at its end.
     */
    private record Window(long requests, double seconds, double meanWaiting, long mergeConflicts) {
    }

    private static Window run(EvolverBenchOptions options, EmbeddedInfrastructure infrastructure,
            ScriptedLlmServer llm, HttpClient http, int port) throws InterruptedException {
        String seeds = infrastructure.topicNames().of(Topic.SEEDS);
        long before = llm.chatRequestCount();
        note("producing %d seeds", options.seeds());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers());
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < options.seeds(); i++) {
                producer.send(new ProducerRecord<>(seeds, "bench-seed-" + i, seed(i)));
            }
            producer.flush();
        }
        // The window opens once the evolver has the slots full and closes when no seed waits in the topic.
        long startRequests = -1;
        long startNanos = 0;
        long lastRequests = 0;
        long lastNanos = 0;
        double waitingSum = 0;
        int samples = 0;
        long conflicts = 0;
        long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
        while (System.nanoTime() < deadline) {
            long received = llm.chatRequestCount() - before;
            long now = System.nanoTime();
            String metrics = get(http, port, "/q/metrics").map(HttpResponse::body).orElse("");
            int finished = (int) gauge(SEEDS_PROCESSED, metrics);
            boolean waiting = options.seeds() - finished > options.seedsInFlight();
            if (startRequests < 0 && received >= options.capacity()) {
                startRequests = received;
                startNanos = now;
            }
            if (startRequests >= 0 && waiting) {
                lastRequests = received;
                lastNanos = now;
                waitingSum += gauge(LLM_WAITING, metrics);
                samples++;
                conflicts = (long) gauge(MERGE_CONFLICTS, metrics);
            }
            if (!waiting && startRequests >= 0) {
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        if (startRequests < 0 || lastNanos <= startNanos) {
            throw new IllegalStateException("no window with seeds waiting and the slots in use was seen; produce "
                    + "more seeds (--seeds) than the evolver works on at once (--seeds-in-flight)");
        }
        note("window: %d requests in %.1f s", lastRequests - startRequests, (lastNanos - startNanos) / 1e9);
        return new Window(lastRequests - startRequests, (lastNanos - startNanos) / 1e9, waitingSum / samples, conflicts);
    }

    private static Script script() {
        return Script.of(
                ScriptRule.always(ScriptedResponse.completion("""
                        {"features": {"algorithms": {"graph": ["breadth-first search"]},
                         "data structures": ["queue", "adjacency list"], "complexity analysis": ["linear time"]}}"""))
                        .whenLastUserMessageMatches("^Task: extract"),
                ScriptRule.always(ScriptedResponse.completion("""
                        {"evolved": [{"path": "algorithms / graph / breadth-first search",
                          "siblings": ["bidirectional search", "iterative deepening"], "children": ["0-1 bfs"]}]}"""))
                        .whenLastUserMessageMatches("^Task: evolve"),
                ScriptRule.always(ScriptedResponse.completion("""
                        {"selected": ["data structures / queue", "complexity analysis / linear time"],
                         "integrationStrategy": "Process items in arrival order within one linear pass."}"""))
                        .whenLastUserMessageMatches("^Task: select"),
                ScriptRule.always(ScriptedResponse.completion("""
                        {"title": "Queue Day", "signature": "class Solution:\\n    def count(self, n: int) -> int:",
                         "statement": "People arrive at a counter.\\n\\nInput\\nn\\n\\nOutput\\nthe count\\n\\nConstraints\\n1 <= n <= 10^5",
                         "samples": [{"input": "n = 1", "output": "1"}, {"input": "n = 2", "output": "2"}]}"""))
                        .whenLastUserMessageMatches("^Task: write statement"));
    }

    private static byte[] seed(int index) {
        return ("{\"schema\":\"synthsmith.seed/v1\",\"runId\":\"bench\",\"id\":\"bench-seed-" + index + "\","
                + "\"content\":{\"kind\":\"code\",\"language\":\"python\",\"snippet\":\"print(" + index + ")\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static double baseline(Vertx vertx, ScriptedLlmServer llm, int capacity, int requests) {
        LlmEndpointSettings settings = LlmEndpointSettings.builder("bench-evolver-baseline", llm.baseUrl(), "scripted")
                .maxConcurrency(capacity).build();
        try (LlmClient client = new LlmClient(vertx, settings, new SimpleMeterRegistry())) {
            long started = System.nanoTime();
            List<CompletableFuture<?>> calls = new ArrayList<>(requests);
            for (int i = 0; i < requests; i++) {
                calls.add(client.chat(ChatRequest.of("system", "Task: select (baseline " + i + ")"))
                        .toCompletableFuture());
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
            return (System.nanoTime() - started) / 1e9;
        }
    }

    private static Process launch(EvolverBenchOptions options, EmbeddedInfrastructure infrastructure, String llmUrl,
            int port, Path dir) throws IOException {
        Path log = dir.resolve("task-evolver.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-jar", options.evolverJar().toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafka().bootstrapServers());
        env.put("QUARKUS_INFINISPAN_CLIENT_HOSTS", infrastructure.infinispan().hotRodHosts());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("SYNTHSMITH_TASK_EVOLVER_LLM_BASE_URL", llmUrl);
        env.put("SYNTHSMITH_TASK_EVOLVER_LLM_MODEL", "scripted");
        env.put("SYNTHSMITH_TASK_EVOLVER_LLM_MAX_CONCURRENCY", Integer.toString(options.capacity()));
        env.put("SYNTHSMITH_TASK_EVOLVER_SEEDS_IN_FLIGHT", Integer.toString(options.seedsInFlight()));
        // The scripted selection names two leaves: offer the whole (small) tree so that it always can.
        env.put("SYNTHSMITH_TASK_EVOLVER_SAMPLING_ROOTS", "9");
        env.put("SYNTHSMITH_TASK_EVOLVER_SAMPLING_INNER", "50");
        env.put("SYNTHSMITH_TASK_EVOLVER_SAMPLING_LEAVES_MIN", "50");
        env.put("SYNTHSMITH_TASK_EVOLVER_SAMPLING_LEAVES_MAX", "50");
        note("starting the task-evolver (log: %s)", log);
        return builder.start();
    }

    private static void awaitReady(HttpClient http, int port, Process evolver) throws InterruptedException {
        for (long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3); System.nanoTime() < deadline; ) {
            if (!evolver.isAlive()) {
                throw new IllegalStateException("the task-evolver exited with status " + evolver.exitValue()
                        + "; see its log");
            }
            if (get(http, port, "/q/health/ready").map(r -> r.statusCode() == 200).orElse(false)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the task-evolver was not ready within 3 minutes; see its log");
    }

    private static double gauge(Pattern meter, String metrics) {
        Matcher m = meter.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static java.util.Optional<HttpResponse<String>> get(HttpClient http, int port, String path) {
        try {
            return java.util.Optional.of(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    private static void put(HttpClient http, int port, String path, String body) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + path)).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("PUT " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("PUT " + path + " failed: " + e.getMessage(), e);
        }
    }

    private static double busy(long requests, Duration latency, int slots, double seconds) {
        return requests * (latency.toMillis() / 1000.0) / (slots * seconds);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static void note(String format, Object... args) {
        System.err.printf("bench evolver: " + format + "%n", args);
    }
}
