package io.synthsmith.bench.solver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synthsmith.bench.ServiceReadiness;
import io.synthsmith.embedded.kafka.KafkaBroker;
import io.synthsmith.embedded.kafka.PipelineTopics;
import io.synthsmith.embedded.kafka.TopicProbe;
import io.synthsmith.llm.ChatRequest;
import io.synthsmith.llm.LlmClient;
import io.synthsmith.llm.settings.LlmEndpointSettings;
import io.synthsmith.messages.Lineage;
import io.synthsmith.messages.Style;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.ids.Ids;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messages.topics.TopicNames;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code bin/synthsmith bench solver}: how busy the real solver service keeps a slow LLM endpoint. A scripted
 * server (scripted replies, not a model) serves {@code capacity} requests at once, each in {@code latency}; the
 * solver, on a real Kafka broker, gets {@code tasks} tasks. Slot utilisation is the slot time the requests used
 * ({@code requests x latency}) over the slot time there was ({@code capacity x window}), the window running from
 * the first task produced to the last solved message read. A baseline LlmClient sends the same number of
 * requests straight to the server, all at once, with the same cap, and is measured the same way.
 */
public final class SolverBench {

    private static final int REQUESTS_PER_TASK = 4;
    private static final Pattern IN_FLIGHT = Pattern.compile("(?m)^synthsmith_solver_tasks_in_flight(?:\\{[^}]*})? "
            + "([0-9.]+)");

    private SolverBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(SolverBenchOptions.USAGE);
            return;
        }
        SolverBenchOptions options;
        try {
            options = SolverBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("synthsmith bench solver: " + e.getMessage());
            System.err.print(SolverBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (!Files.isRegularFile(options.solverJar())) {
            System.err.println("synthsmith bench solver: no solver at " + options.solverJar()
                    + "; build it with ./mvnw -pl solver -am install -DskipTests");
            System.exit(2);
        }
        System.out.println(run(options));
        System.exit(0);
    }

    static String run(SolverBenchOptions options) throws Exception {
        Path dir = Files.createTempDirectory("synthsmith-bench-solver-");
        Duration latency = Duration.ofMillis(options.latencyMs());
        Vertx vertx = Vertx.vertx();
        try (KafkaBroker kafka = KafkaBroker.start(KafkaBroker.Settings.in(dir.resolve("kafka")));
             ScriptedLlmServer server = ScriptedLlmServer.start(script(latency, options.capacity()))) {
            TopicNames topics = TopicNames.defaults();
            PipelineTopics.create(kafka.bootstrapServers(), PipelineTopics.Settings.defaults());

            progress("baseline: %d requests straight to the scripted server", options.tasks() * REQUESTS_PER_TASK);
            double baselineSeconds = baseline(vertx, server, options);
            double baselineUtilisation = utilisation(options.tasks() * REQUESTS_PER_TASK, latency, options.capacity(),
                    baselineSeconds);

            int port = freePort();
            Process solver = startSolver(options, kafka.bootstrapServers(), server.baseUrl(), port, dir);
            try {
                ServiceReadiness.await("solver", port, solver);
                TopicProbe probe = new TopicProbe(kafka.bootstrapServers());
                if (options.warmupTasks() > 0) {
                    progress("warm-up: %d tasks", options.warmupTasks());
                    solve(probe, topics, kafka.bootstrapServers(), "warmup", options.warmupTasks());
                }
                progress("measuring: %d tasks", options.tasks());
                long requestsBefore = server.chatRequestCount();
                AtomicInteger maxInFlight = new AtomicInteger();
                ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
                sampler.scheduleAtFixedRate(() -> maxInFlight.accumulateAndGet(tasksInFlight(port), Math::max),
                        0, 250, TimeUnit.MILLISECONDS);
                long started = System.nanoTime();
                solve(probe, topics, kafka.bootstrapServers(), "measured", options.tasks());
                double seconds = (System.nanoTime() - started) / 1e9;
                sampler.shutdownNow();
                long requests = server.chatRequestCount() - requestsBefore;
                double solverUtilisation = utilisation(requests, latency, options.capacity(), seconds);

                ObjectMapper json = new ObjectMapper();
                ObjectNode line = json.createObjectNode()
                        .put("tasks", options.tasks())
                        .put("requests", requests)
                        .put("seconds", round(seconds))
                        .put("latency_ms", options.latencyMs())
                        .put("capacity", options.capacity())
                        .put("max_in_flight_tasks_setting", options.maxInFlightTasks())
                        .put("max_tasks_in_flight_seen", maxInFlight.get())
                        .put("max_concurrent_requests_seen", server.maxConcurrentRequests())
                        .put("slot_utilisation", round(solverUtilisation));
                line.putObject("baseline").put("requests", options.tasks() * REQUESTS_PER_TASK)
                        .put("seconds", round(baselineSeconds)).put("slot_utilisation", round(baselineUtilisation));
                line.put("ratio_to_baseline", round(solverUtilisation / baselineUtilisation));
                return json.writeValueAsString(line);
            } finally {
                solver.destroy();
                if (!solver.waitFor(30, TimeUnit.SECONDS)) {
                    solver.destroyForcibly();
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static Script script(Duration latency, int capacity) {
        ScriptedResponse.Completion candidate = ScriptedResponse.completion(
                "Read and echo.\n\n```python\nimport sys\nprint(sys.stdin.read().split()[0])\n```\n")
                .withReasoning("The first token is the answer; read it and print it.");
        return Script.of(
                        ScriptRule.always(ScriptedResponse.completion("```json\n[\"1\\n\", \"2\\n\"]\n```"))
                                .whenLastUserMessageMatches("^# Direct test inputs for: "),
                        ScriptRule.always(ScriptedResponse.completion(
                                        "```python\nimport sys\nprint(int(sys.argv[1]) % 10)\n```"))
                                .whenLastUserMessageMatches("^# Input (generator|validator) for: "),
                        ScriptRule.always(candidate))
                .withLatency(latency).withCapacity(capacity).withRecordLimit(0);
    }

    private static double baseline(Vertx vertx, ScriptedLlmServer server, SolverBenchOptions options) {
        int requests = options.tasks() * REQUESTS_PER_TASK;
        try (LlmClient client = new LlmClient(vertx, LlmEndpointSettings.builder("bench-baseline", server.baseUrl(),
                "scripted").maxConcurrency(options.capacity()).build(), new SimpleMeterRegistry())) {
            long started = System.nanoTime();
            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                calls.add(client.chat(ChatRequest.of("system", "# Task: baseline " + i)).toCompletableFuture());
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
            return (System.nanoTime() - started) / 1e9;
        }
    }

    private static void solve(TopicProbe probe, TopicNames topics, String bootstrap, String tag, int count) {
        MessageCodec codec = new MessageCodec();
        Set<String> ids = new HashSet<>();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        String batch = tag + "-" + System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                Task task = task(batch, i);
                ids.add(task.id());
                producer.send(new ProducerRecord<>(topics.of(Topic.TASKS), task.id(), codec.encode(task)));
            }
            producer.flush();
        }
        int solved = probe.await(topics.of(Topic.SOLVED), r -> ids.contains(r.key()), count, Duration.ofHours(1))
                .size();
        if (solved < count) {
            throw new IllegalStateException("only " + solved + " of " + count + " tasks were solved within an hour");
        }
    }

    private static Task task(String batch, int index) {
        String requestId = Ids.derive("request", batch, String.valueOf(index));
        return new Task(Task.SCHEMA, "bench", Ids.derive("task", requestId), Lineage.empty(), Instant.now(),
                requestId, Style.CODEFORCES, "Echo " + index,
                "Read an integer x (1 <= x <= 10^9) from standard input and print it.\n\nInput\nOne line with x."
                        + "\n\nOutput\nPrint x.",
                List.of("implementation / input and output"), "Read and print.",
                List.of(new Task.Sample("7\n", "7\n", null)), null, null);
    }

    private static Process startSolver(SolverBenchOptions options, String bootstrap, String baseUrl, int port,
            Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar",
                options.solverJar().toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("solver.log").toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("SYNTHSMITH_SOLVER_LLM_BASE_URL", baseUrl);
        builder.environment().put("SYNTHSMITH_SOLVER_LLM_MODEL", "scripted");
        builder.environment().put("SYNTHSMITH_SOLVER_LLM_MAX_CONCURRENCY", String.valueOf(options.capacity()));
        builder.environment().put("SYNTHSMITH_SOLVER_MIN_REASONING_CHARS", "0");
        builder.environment().put("SYNTHSMITH_SOLVER_MAX_IN_FLIGHT_TASKS", String.valueOf(options.maxInFlightTasks()));
        progress("starting the solver (log: %s)", dir.resolve("solver.log"));
        return builder.start();
    }

    private static int tasksInFlight(int port) {
        try {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = IN_FLIGHT.matcher(metrics);
            return matcher.find() ? (int) Double.parseDouble(matcher.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static double utilisation(long requests, Duration latency, int capacity, double seconds) {
        return requests * (latency.toMillis() / 1000.0) / (capacity * seconds);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static void progress(String format, Object... args) {
        System.err.printf("bench solver: " + format + "%n", args);
    }
}
