package io.synthsmith.embedded.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messages.topics.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code bin/synthsmith status}: per stage, whether the service is ready, what it consumed, produced, rejected (by
 * reason) and dead-lettered, and its consumer group's lag on its input topics; and how far the launcher's run is.
 * It reads the services' {@code /q/metrics} and {@code /q/health/ready} and the broker's offsets in parallel, each
 * within {@link #PROBE_TIMEOUT} (long enough for a service starting on a loaded two-core machine), so it answers
 * within about five seconds even when a service or the broker is down. A service the launcher started and has not
 * yet seen ready (no {@code pids/<service>.ready} marker) is {@code starting} whatever it answers.
 *
 * <p>{@code PipelineStatus [--bootstrap HOST:PORT] [--topic-prefix P] [--state-dir D] [--json] [--watch]
 * [--terminal] [--progress]}: {@code --json} prints one {@link StatusReport} as JSON; {@code --watch} redraws
 * every 2 s when {@code --terminal} says stdout is one (the launcher checks), else prints once;
 * {@code --progress} prints only the run's progress line (what {@code run} prints while it waits).
 */
public final class PipelineStatus implements AutoCloseable {

    /** How long a service or the broker may take to answer one probe. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** How old the launcher's metrics snapshot of a service may be to stand in for one that did not answer. */
    static final Duration SNAPSHOT_MAX_AGE = Duration.ofSeconds(30);
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);

    /** Where to look. */
    record Options(String bootstrap, TopicNames topics, Path stateDir, String host, boolean json, boolean watch,
            boolean terminal, boolean progressOnly) {
    }

    private final Options options;
    private final ServiceProbe probe;
    private ConsumerLag kafka;

    PipelineStatus(Options options) {
        this.options = options;
        this.probe = new ServiceProbe(options.host(), PROBE_TIMEOUT);
    }

    /** Reads everything once. */
    StatusReport collect() {
        Map<PipelineStage, CompletableFuture<ServiceProbe.Reading>> readings = new EnumMap<>(PipelineStage.class);
        for (PipelineStage stage : PipelineStage.values()) {
            readings.put(stage, probe.read(stage.port()));
        }
        CompletableFuture<String> exports = probe.body(PipelineStage.EXPORTER.port(), "/runs");
        StatusReport.Kafka broker;
        List<ConsumerLag.Lag> lags = List.of();
        try {
            if (kafka == null) {
                kafka = ConsumerLag.connect(options.bootstrap(), PROBE_TIMEOUT);
            }
        } catch (RuntimeException e) {
            kafka = null;
        }
        if (kafka == null) {
            broker = new StatusReport.Kafka(options.bootstrap(), "down", "Kafka at " + options.bootstrap()
                    + " does not accept connections");
        } else {
            try {
                lags = kafka.of(subscriptions());
                broker = new StatusReport.Kafka(options.bootstrap(), "up", null);
            } catch (RuntimeException e) {
                // too slow or failing: the table says so rather than waiting
                close();
                broker = new StatusReport.Kafka(options.bootstrap(), "unresponsive", e.getMessage());
            }
        }
        Map<String, Long> pids = pids();
        Map<PipelineStage, PrometheusText> metrics = new EnumMap<>(PipelineStage.class);
        List<StatusReport.Stage> stages = new ArrayList<>();
        for (PipelineStage stage : PipelineStage.values()) {
            ServiceProbe.Reading reading = readings.get(stage).join();
            metrics.put(stage, reading.metrics());
            boolean running = pids.containsKey(stage.service());
            boolean seenReady = Files.exists(options.stateDir().resolve("pids").resolve(stage.service() + ".ready"));
            stages.add(stage(stage, reading, stateOf(reading.health(), running, seenReady),
                    broker.state().equals("up") ? lags : null));
        }
        long now = Instant.now().getEpochSecond();
        return new StatusReport(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), broker, stages,
                run(metrics, pids, now), exports(exports.join()));
    }

    /** The exporter's {@code GET /runs} as run exports; null when it did not answer or answered something else. */
    static List<StatusReport.RunExport> exports(String body) {
        if (body == null) {
            return null;
        }
        try {
            List<StatusReport.RunExport> exports = new ArrayList<>();
            for (JsonNode run : new ObjectMapper().readTree(body)) {
                JsonNode cost = run.path("cost");
                exports.add(new StatusReport.RunExport(run.path("runId").asText(), run.path("state").asText(),
                        run.path("rlRows").asLong(), cost.path("tasksWithCost").asLong(),
                        cost.hasNonNull("tokensPerTask") ? cost.path("tokensPerTask").asDouble() : null,
                        cost.hasNonNull("sandboxCpuSecondsPerTask") ? cost.path("sandboxCpuSecondsPerTask").asDouble()
                                : null,
                        cost.path("promptTokens").asLong(), cost.path("completionTokens").asLong(),
                        cost.path("reasoningTokens").asLong(), cost.path("sandboxCpuSeconds").asDouble()));
            }
            return exports;
        } catch (IOException e) {
            return null;
        }
    }

    /** The run's progress alone: only the services' metrics are read. */
    RunProgress progress() {
        Map<PipelineStage, CompletableFuture<ServiceProbe.Reading>> readings = new EnumMap<>(PipelineStage.class);
        for (PipelineStage stage : PipelineStage.values()) {
            readings.put(stage, probe.read(stage.port()));
        }
        Map<PipelineStage, PrometheusText> metrics = new EnumMap<>(PipelineStage.class);
        readings.forEach((stage, reading) -> metrics.put(stage, reading.join().metrics()));
        return run(metrics, pids(), Instant.now().getEpochSecond());
    }

    private List<ConsumerLag.Subscription> subscriptions() {
        List<ConsumerLag.Subscription> subscriptions = new ArrayList<>();
        for (PipelineStage stage : PipelineStage.values()) {
            for (Topic topic : stage.inputs()) {
                subscriptions.add(new ConsumerLag.Subscription(stage.groupId(), options.topics().of(topic)));
            }
        }
        return subscriptions;
    }

    /**
     * A service's state: {@code starting} while the launcher runs its process and has not yet seen it ready (a JVM
     * starting under load may not answer a probe in time), {@code unresponsive} when one that was ready stops
     * answering.
     */
    static String stateOf(ServiceProbe.Health health, boolean running, boolean seenReady) {
        return switch (health) {
            case READY -> "ready";
            case NOT_READY -> "starting";
            case NO_LISTENER -> running ? "starting" : "down";
            case NO_ANSWER -> running && !seenReady ? "starting" : "unresponsive";
        };
    }

    private StatusReport.Stage stage(PipelineStage stage, ServiceProbe.Reading reading, String state,
            List<ConsumerLag.Lag> lags) {
        Map<String, Long> lag = null;
        if (lags != null) {
            lag = new LinkedHashMap<>();
            for (Topic topic : stage.inputs()) {
                String name = options.topics().of(topic);
                for (ConsumerLag.Lag l : lags) {
                    if (l.group().equals(stage.groupId()) && l.topic().equals(name)) {
                        lag.put(topic.baseName(), l.lag());
                    }
                }
            }
        }
        if (reading.metrics() == null) {
            return new StatusReport.Stage(stage.service(), stage.port(), state, null, null, null, null, null, null,
                    null, stage.groupId(), lag, reading.problem());
        }
        ServiceCounters counters = new ServiceCounters(reading.metrics(), options.topics().prefix());
        Map<String, Long> consumed = counters.consumedByTopic();
        Map<String, Long> produced = counters.producedByTopic();
        Map<String, Long> rejected = counters.rejectedByReason();
        return new StatusReport.Stage(stage.service(), stage.port(), state, total(consumed), consumed,
                total(produced), produced, total(rejected), rejected, counters.deadLettered(), stage.groupId(), lag,
                null);
    }

    private RunProgress run(Map<PipelineStage, PrometheusText> metrics, Map<String, Long> pids, long now) {
        Path file = options.stateDir().resolve("run.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return RunProgress.measure(RunProgress.RunFile.read(file), withSnapshots(metrics, now), pids,
                    options.topics().prefix(), now);
        } catch (IOException e) {
            return new RunProgress(file.toString(), null, "unknown", 0, 0, 0, "cannot read " + file + ": "
                    + e.getMessage(), null, null, null, null, null, null);
        }
    }

    /**
     * The metrics, with the launcher's own snapshot ({@code metrics/now/<service>}, taken every 2 s while {@code run}
     * waits) in place of a service that did not answer in time, when that snapshot is at most
     * {@link #SNAPSHOT_MAX_AGE} old: a service starved on a loaded machine still counts.
     */
    Map<PipelineStage, PrometheusText> withSnapshots(Map<PipelineStage, PrometheusText> metrics, long now) {
        Map<PipelineStage, PrometheusText> filled = new EnumMap<>(PipelineStage.class);
        filled.putAll(metrics);
        for (PipelineStage stage : PipelineStage.values()) {
            Path snapshot = options.stateDir().resolve("metrics").resolve("now").resolve(stage.service());
            if (metrics.get(stage) != null || !Files.isRegularFile(snapshot)) {
                continue;
            }
            try {
                long age = now - Files.getLastModifiedTime(snapshot).toInstant().getEpochSecond();
                if (age <= SNAPSHOT_MAX_AGE.toSeconds() && Files.size(snapshot) > 0) {
                    filled.put(stage, PrometheusText.parse(Files.readString(snapshot)));
                }
            } catch (IOException | IllegalArgumentException e) {
                // no usable snapshot: the service stays without metrics
            }
        }
        return filled;
    }

    /** The process ids of the services the launcher started that are alive, by service. */
    private Map<String, Long> pids() {
        Map<String, Long> pids = new HashMap<>();
        for (PipelineStage stage : PipelineStage.values()) {
            Path file = options.stateDir().resolve("pids").resolve(stage.service() + ".pid");
            try {
                long pid = Long.parseLong(Files.readString(file).strip());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    pids.put(stage.service(), pid);
                }
            } catch (IOException | NumberFormatException e) {
                // no pid file, or a broken one: the launcher does not run this service
            }
        }
        return pids;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("synthsmith status: " + e.getMessage());
            System.err.println("usage: status [--json] [--watch]");
            System.exit(2);
            return;
        }
        try (PipelineStatus status = new PipelineStatus(options)) {
            if (options.progressOnly()) {
                RunProgress run = status.progress();
                System.out.println(run == null ? "no run recorded in " + options.stateDir().resolve("run.json")
                        : StatusText.progress(run, options.terminal()));
                return;
            }
            ObjectMapper json = new ObjectMapper();
            boolean redraw = options.watch() && options.terminal() && !options.json();
            do {
                StatusReport report = status.collect();
                String text = options.json() ? json.writeValueAsString(report) + "\n"
                        : StatusText.render(report, options.terminal());
                if (redraw) {
                    System.out.print("\033[H\033[2J" + text + "(every " + WATCH_INTERVAL.toSeconds()
                            + " s; Ctrl-C to stop)\n");
                    System.out.flush();
                    Thread.sleep(WATCH_INTERVAL.toMillis());
                } else {
                    System.out.print(text);
                }
            } while (redraw);
        }
        System.out.flush();
        // The Kafka client's threads are daemons, but do not wait for the HTTP client's executor either.
        System.exit(0);
    }

    static Options options(String[] args) {
        String bootstrap = "localhost:9092";
        String prefix = TopicNames.DEFAULT_PREFIX;
        Path stateDir = Path.of(".synthsmith");
        boolean json = false;
        boolean watch = false;
        boolean terminal = false;
        boolean progress = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = value(args, ++i);
                case "--topic-prefix" -> prefix = value(args, ++i);
                case "--state-dir" -> stateDir = Path.of(value(args, ++i));
                case "--json" -> json = true;
                case "--watch" -> watch = true;
                case "--terminal" -> terminal = true;
                case "--progress" -> progress = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        return new Options(bootstrap, new TopicNames(prefix), stateDir, "localhost", json, watch, terminal,
                progress);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
