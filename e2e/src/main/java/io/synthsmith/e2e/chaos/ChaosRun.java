package io.synthsmith.e2e.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthsmith.e2e.harness.CounterTally;
import io.synthsmith.e2e.harness.Pipeline;
import io.synthsmith.e2e.harness.Quiescence;
import io.synthsmith.e2e.harness.SeedFeed;
import io.synthsmith.e2e.harness.ServiceProcess;
import io.synthsmith.e2e.reconcile.Reconciler;
import io.synthsmith.e2e.reconcile.Reconciliation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The chaos run: the local pipeline with the scripted LLM server failing a share of its calls, fed N seeds, while
 * services are killed (SIGKILL) and started again K times (every service at least once), the Kafka broker and the
 * Infinispan server are each restarted once, and one service is asked to stop (SIGTERM) and must exit within its
 * grace. When the stream is quiet it reconciles topics and files and reports one JSON line. Run by
 * {@code bin/synthsmith chaos} and, at a small scale, by the test command.
 */
public final class ChaosRun {

    private static final Logger LOG = Logger.getLogger(ChaosRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to run. {@code environment}: extra variables for every service (e.g. the dedup threshold). */
    public record Options(Path home, Path dir, Path seedFile, Path scriptFile, int seeds, int kills,
            double faultRate, int tasksPerSeed, Duration timeout, long randomSeed, Map<String, String> environment) {

        public static Options defaults(Path home, Path dir) {
            return new Options(home, dir, home.resolve("examples/chaos/seeds-small.jsonl"),
                    home.resolve("examples/chaos/llm-script.json"), 200, 10, 0.2, 2, Duration.ofMinutes(40), 1,
                    Map.of("SYNTHSMITH_DEDUP_MINHASH_THRESHOLD", "1.0"));
        }

        public Options withScale(int newSeeds, int newKills) {
            return new Options(home, dir, seedFile, scriptFile, newSeeds, newKills, faultRate, tasksPerSeed, timeout,
                    randomSeed, environment);
        }

        public Options withTimeout(Duration newTimeout) {
            return new Options(home, dir, seedFile, scriptFile, seeds, kills, faultRate, tasksPerSeed, newTimeout,
                    randomSeed, environment);
        }
    }

    /** One disruption of the plan. */
    enum Event {
        KILL, RESTART_KAFKA, RESTART_INFINISPAN, TERMINATE
    }

    /** The outcome: the reconciliation plus what was done to the pipeline and what it cost. */
    public record Report(Reconciliation reconciliation, Map<String, Integer> repeats, boolean quiet, int kills,
            Map<String, Integer> killsByService,
            int restarts, Map<String, Integer> supervisorRestarts, Map<String, Object> terminate, Map<String, Long> peakRssMib, Map<String, Long> llmErrors,
            long llmRequests, double seconds) {

        /** The one JSON line the run prints. */
        public String toJson() {
            Reconciliation r = reconciliation;
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("seeds", r.seeds());
            line.put("generationRequests", r.generationRequests());
            line.put("tasks", r.tasks());
            line.put("exported", r.exported());
            line.put("rejected", r.rejected());
            line.put("dlq", r.dlq());
            line.put("repeats", repeats);
            line.put("lost", r.lost());
            line.put("duplicates", r.duplicates());
            line.put("conflicting", r.conflicting());
            line.put("kills", kills);
            line.put("killsByService", killsByService);
            line.put("restarts", restarts);
            line.put("supervisorRestarts", supervisorRestarts);
            line.put("terminate", terminate);
            line.put("peakRssMib", peakRssMib);
            line.put("llmRequests", llmRequests);
            line.put("llmErrors", llmErrors);
            line.put("exportRecords", Map.of("sft", r.exportSftRecords(), "rl", r.exportRlRecords()));
            line.put("fileRows", r.fileRows());
            line.put("quiet", quiet);
            line.put("seconds", Math.round(seconds));
            if (!r.lostExamples().isEmpty()) {
                line.put("lostExamples", r.lostExamples());
            }
            if (!r.duplicateExamples().isEmpty()) {
                line.put("duplicateExamples", r.duplicateExamples());
            }
            try {
                return JSON.writeValueAsString(line);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Options options;
    private final Random random;

    public ChaosRun(Options options) {
        this.options = options;
        this.random = new Random(options.randomSeed());
    }

    public Report run() throws Exception {
        Instant started = Instant.now();
        String runId = "chaos-" + Long.toHexString(options.randomSeed());
        Pipeline.Settings settings = Pipeline.Settings.of(options.home(), options.dir(),
                Pipeline.script(options.scriptFile(), script -> ChaosFaults.inject(script, options.faultRate())))
                .withEnvironment(Map.of("SYNTHSMITH_LLM_TIMEOUT", ChaosFaults.CLIENT_TIMEOUT.toSeconds() + "s"))
                .withEnvironment(options.environment());
        CounterTally llmErrors = new CounterTally("synthsmith_llm_errors_total", "kind");
        try (Pipeline pipeline = Pipeline.start(settings)) {
            // A daemon thread, so that a run that fails still ends its JVM.
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                    .name("chaos-sampler").daemon(true).factory());
            sampler.scheduleWithFixedDelay(() -> {
                pipeline.sampleMemory();
                for (String stage : List.of("task-evolver", "solver")) {
                    llmErrors.scrape(pipeline.service(stage));
                }
            }, 1, 2, TimeUnit.SECONDS);
            pipeline.startSupervisor();
            configureRun(pipeline, runId);
            SeedFeed.produce(pipeline.bootstrapServers(), pipeline.topics(),
                    SeedFeed.from(options.seedFile(), runId, options.seeds()));
            LOG.infof("chaos: %d seeds of run %s produced; %d kills planned", options.seeds(), runId, options.kills());

            Map<String, Integer> killsByService = new TreeMap<>();
            Map<String, Object> terminate = new LinkedHashMap<>();
            int restarts = 0;
            for (Event event : plan()) {
                sleepSeconds(4 + random.nextInt(8));
                switch (event) {
                    case KILL -> {
                        ServiceProcess victim = pipeline.service(nextVictim(killsByService));
                        LOG.infof("chaos: SIGKILL %s (pid %d)", victim.name(), victim.pid());
                        victim.hold(true);
                        victim.kill();
                        killsByService.merge(victim.name(), 1, Integer::sum);
                        sleepSeconds(random.nextInt(4));
                        victim.start();
                        victim.awaitReady(Duration.ofMinutes(3));
                        victim.hold(false);
                        restarts++;
                    }
                    case RESTART_KAFKA -> {
                        LOG.info("chaos: restarting the Kafka broker");
                        pipeline.infrastructure().kafka().stop();
                        sleepSeconds(2);
                        pipeline.infrastructure().kafka().restart();
                        restarts++;
                    }
                    case RESTART_INFINISPAN -> {
                        LOG.info("chaos: restarting the Infinispan server");
                        pipeline.infrastructure().infinispan().stop();
                        sleepSeconds(2);
                        pipeline.infrastructure().infinispan().restart();
                        restarts++;
                    }
                    case TERMINATE -> {
                        ServiceProcess service = pipeline.service(Pipeline.SERVICES.get(random.nextInt(Pipeline.SERVICES.size())));
                        LOG.infof("chaos: SIGTERM %s (pid %d)", service.name(), service.pid());
                        service.hold(true);
                        ServiceProcess.Termination ended = service.terminate(Duration.ofSeconds(60));
                        terminate.put("service", service.name());
                        terminate.put("exitedInTime", ended.exitedInTime());
                        terminate.put("seconds", Math.round(ended.took().toMillis() / 100.0) / 10.0);
                        terminate.put("exitStatus", ended.exitStatus());
                        service.start();
                        service.awaitReady(Duration.ofMinutes(3));
                        service.hold(false);
                        restarts++;
                    }
                }
            }
            LOG.info("chaos: every disruption done; waiting for the pipeline to go quiet");
            Reconciler reconciler = new Reconciler(pipeline.bootstrapServers(), pipeline.topics(), pipeline.datasets(),
                    Set.of(runId));
            boolean quiet;
            try (Quiescence quiescence = new Quiescence(pipeline.bootstrapServers(), pipeline.datasets(),
                    pipeline.consumerGroups())) {
                quiet = quiescence.await(Duration.ofSeconds(15), options.timeout(),
                        () -> reconciler.reconcile().lost() == 0);
            }
            sampler.shutdownNow();
            for (String stage : List.of("task-evolver", "solver")) {
                llmErrors.scrape(pipeline.service(stage));
            }
            Reconciliation reconciliation = reconciler.reconcile();
            Map<String, Long> peaks = new LinkedHashMap<>();
            for (ServiceProcess service : pipeline.services()) {
                peaks.put(service.name(), service.peakRssMib());
            }
            int kills = killsByService.values().stream().mapToInt(Integer::intValue).sum();
            return new Report(reconciliation, reconciler.repeats(), quiet, kills, killsByService, restarts, pipeline.supervisorRestarts(),
                    terminate, peaks,
                    llmErrors.totals(), pipeline.llm().chatRequestCount(),
                    Duration.between(started, Instant.now()).toMillis() / 1000.0);
        }
    }

    /** The kills (every service once, the rest at random), one broker and one Infinispan restart, one SIGTERM. */
    List<Event> plan() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < options.kills(); i++) {
            events.add(Event.KILL);
        }
        events.add(Event.RESTART_KAFKA);
        events.add(Event.RESTART_INFINISPAN);
        events.add(Event.TERMINATE);
        Collections.shuffle(events, random);
        return events;
    }

    /** A service not killed yet while some are left, else any. */
    private String nextVictim(Map<String, Integer> killsByService) {
        List<String> spared = Pipeline.SERVICES.stream().filter(service -> !killsByService.containsKey(service)).toList();
        List<String> pool = spared.isEmpty() ? Pipeline.SERVICES : spared;
        return pool.get(random.nextInt(pool.size()));
    }

    /**
     * Puts the run's configuration: its tasks per seed; 4 candidates and 10 tests per task (the verifier's sandbox
     * is the slowest stage on a small machine, and the scripted candidates all agree anyway); both file formats,
     * so that the files can be checked.
     */
    private void configureRun(Pipeline pipeline, String runId) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("tasksPerSeed", options.tasksPerSeed());
        body.put("candidatesPerTask", 4);
        body.put("minUsableCandidates", 2);
        body.put("testsPerTask", 10);
        body.putObject("export").putArray("fileFormats").add("parquet").add("jsonl");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(pipeline.service("task-evolver").url("/runs/" + runId)))
                .header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("cannot configure run " + runId + ": " + response.statusCode() + " "
                    + response.body());
        }
    }

    private static void sleepSeconds(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }

    /**
     * {@code ChaosRun [--seeds N] [--kills K] [--fault-rate R] [--tasks-per-seed T] [--timeout-minutes M]
     * [--random-seed S] [--dir D] [--seed-file F] [--script F]}; prints the report's JSON line; exits 1 when
     * something was lost or duplicated.
     */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("synthsmith.home", ".")).toAbsolutePath().normalize();
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("option without a value: " + args[i]);
            }
            given.put(args[i].substring(2), args[i + 1]);
        }
        Options base = Options.defaults(home, home.resolve(".synthsmith/chaos"));
        Set<String> known = Set.of("seeds", "kills", "fault-rate", "tasks-per-seed", "timeout-minutes", "random-seed",
                "dir", "seed-file", "script");
        for (String key : given.keySet()) {
            if (!known.contains(key)) {
                usage("unknown option --" + key);
            }
        }
        Path dir = Path.of(given.getOrDefault("dir", base.dir().toString())).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Options options = new Options(home, dir,
                Path.of(given.getOrDefault("seed-file", base.seedFile().toString())),
                Path.of(given.getOrDefault("script", base.scriptFile().toString())),
                Integer.parseInt(given.getOrDefault("seeds", Integer.toString(base.seeds()))),
                Integer.parseInt(given.getOrDefault("kills", Integer.toString(base.kills()))),
                Double.parseDouble(given.getOrDefault("fault-rate", Double.toString(base.faultRate()))),
                Integer.parseInt(given.getOrDefault("tasks-per-seed", Integer.toString(base.tasksPerSeed()))),
                Duration.ofMinutes(Long.parseLong(given.getOrDefault("timeout-minutes", "40"))),
                Long.parseLong(given.getOrDefault("random-seed", Long.toString(base.randomSeed()))),
                base.environment());
        Report report = new ChaosRun(options).run();
        System.out.println(report.toJson());
        System.exit(report.reconciliation().lost() == 0 && report.reconciliation().duplicates() == 0 ? 0 : 1);
    }

    private static void usage(String problem) {
        System.err.println("chaos: " + problem + "\nusage: synthsmith chaos [--seeds N] [--kills K] [--fault-rate R]"
                + " [--tasks-per-seed T] [--timeout-minutes M] [--random-seed S] [--dir D] [--seed-file F] [--script F]");
        System.exit(2);
    }
}
