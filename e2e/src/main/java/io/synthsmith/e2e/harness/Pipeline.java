package io.synthsmith.e2e.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthsmith.embedded.EmbeddedInfrastructure;
import io.synthsmith.embedded.process.ServerProcess;
import io.synthsmith.messages.topics.TopicNames;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptFile;
import io.synthsmith.scriptedllm.ScriptedLlmServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * The whole pipeline on this machine as production runs it, minus the model: a real Kafka broker (KRaft) and a real
 * Infinispan server (libs/embedded, each its own JVM), a scripted OpenAI-compatible server (scripted replies, not a
 * model), and the five services, each its own JVM started from its Quarkus application and configured by
 * environment variables. Used by the end-to-end and bad-input tests, the chaos run and the burst.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Pipeline.class);

    /** The services in pipeline order. */
    public static final List<String> SERVICES = List.of("task-evolver", "solver", "verifier", "dedup", "exporter");

    /** Each service's input topic (base name). */
    public static final Map<String, String> INPUTS = Map.of("task-evolver", "seeds", "solver", "tasks.unique",
            "verifier", "solved", "dedup", "verified", "exporter", "accepted");

    /**
     * What to start. {@code home}: the checkout (services are read from {@code <home>/<service>/target/quarkus-app});
     * {@code dir}: where data and logs go; {@code script}: the scripted LLM's replies; {@code environment}: extra
     * variables for every service; {@code serviceEnvironment}: extra variables per service; {@code jvmOptions}: of
     * every service JVM.
     */
    public record Settings(Path home, Path dir, Script script, Map<String, String> environment,
            Map<String, Map<String, String>> serviceEnvironment, List<String> jvmOptions) {

        public static Settings of(Path home, Path dir, Script script) {
            return new Settings(home, dir, script, Map.of(), Map.of(), List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                    // What quarkus-run.jar's manifest asks for, which -cp (unlike -jar) does not apply.
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                    // As bin/synthsmith up starts them: zstd-jni loads its library through a restricted method.
                    "--enable-native-access=ALL-UNNAMED"));
        }

        public Settings withEnvironment(Map<String, String> more) {
            Map<String, String> merged = new LinkedHashMap<>(environment);
            merged.putAll(more);
            return new Settings(home, dir, script, merged, serviceEnvironment, jvmOptions);
        }

        public Settings withServiceEnvironment(String service, Map<String, String> more) {
            Map<String, Map<String, String>> merged = new LinkedHashMap<>(serviceEnvironment);
            Map<String, String> forService = new LinkedHashMap<>(merged.getOrDefault(service, Map.of()));
            forService.putAll(more);
            merged.put(service, forService);
            return new Settings(home, dir, script, environment, merged, jvmOptions);
        }

        public Settings withJvmOptions(List<String> options) {
            return new Settings(home, dir, script, environment, serviceEnvironment, options);
        }
    }

    private final Settings settings;
    private final EmbeddedInfrastructure infrastructure;
    private final ScriptedLlmServer llm;
    private final Map<String, ServiceProcess> services;
    private final Map<String, Integer> supervisorRestarts = new java.util.concurrent.ConcurrentSkipListMap<>();
    private java.util.concurrent.ScheduledExecutorService supervisor;

    private Pipeline(Settings settings, EmbeddedInfrastructure infrastructure, ScriptedLlmServer llm,
            Map<String, ServiceProcess> services) {
        this.settings = settings;
        this.infrastructure = infrastructure;
        this.llm = llm;
        this.services = services;
    }

    /** Starts everything and waits until every service is ready. */
    public static Pipeline start(Settings settings) {
        EmbeddedInfrastructure infrastructure = null;
        ScriptedLlmServer llm = null;
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        try {
            Files.createDirectories(settings.dir());
            CompletableFuture<EmbeddedInfrastructure> starting = CompletableFuture.supplyAsync(
                    () -> EmbeddedInfrastructure.start(EmbeddedInfrastructure.Settings.in(settings.dir().resolve("infra"))));
            llm = ScriptedLlmServer.start(settings.script());
            infrastructure = starting.join();
            LOG.infof("scripted LLM (scripted replies, not a model) at %s; Kafka %s; Infinispan %s", llm.baseUrl(),
                    infrastructure.kafka().bootstrapServers(), infrastructure.infinispan().hotRodHosts());
            for (String service : SERVICES) {
                services.put(service, new ServiceProcess(service,
                        settings.home().resolve(service).resolve("target/quarkus-app"), ServerProcess.freePort(),
                        environment(settings, infrastructure, llm, service), settings.jvmOptions(),
                        settings.dir().resolve("logs").resolve(service + ".log")));
            }
            services.values().forEach(ServiceProcess::start);
            for (ServiceProcess service : services.values()) {
                service.awaitReady(Duration.ofMinutes(3));
                List<String> beyondLoopback = service.reachableBeyondLoopback();
                if (!beyondLoopback.isEmpty()) {
                    throw new IllegalStateException(service.name() + " answers beyond loopback, at " + beyondLoopback
                            + ": services must listen on 127.0.0.1 unless told otherwise");
                }
            }
            return new Pipeline(settings, infrastructure, llm, services);
        } catch (IOException e) {
            closeAll(services, llm, infrastructure);
            throw new UncheckedIOException("cannot prepare " + settings.dir(), e);
        } catch (RuntimeException e) {
            closeAll(services, llm, infrastructure);
            throw e;
        }
    }

    private static Map<String, String> environment(Settings settings, EmbeddedInfrastructure infrastructure,
            ScriptedLlmServer llm, String service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafka().bootstrapServers());
        env.put("QUARKUS_INFINISPAN_CLIENT_HOSTS", infrastructure.infinispan().hotRodHosts());
        env.put("SYNTHSMITH_TOPICS_PREFIX", infrastructure.topicNames().prefix());
        env.put("SYNTHSMITH_LLM_BASE_URL", llm.baseUrl());
        env.put("SYNTHSMITH_LLM_MODEL", ScriptedLlmServer.MODEL_ID);
        env.put("SYNTHSMITH_EXPORTER_FILES_DIRECTORY", settings.dir().resolve("datasets").toString());
        env.put("SYNTHSMITH_EXPORTER_FILES_SHARD_MAX_AGE", "PT5S");
        env.putAll(settings.environment());
        env.putAll(settings.serviceEnvironment().getOrDefault(service, Map.of()));
        return env;
    }

    /**
     * Reads a script file as the launcher does (its free-text {@code description} field is dropped) and lets
     * {@code change} adjust it, e.g. to add faults. The server keeps no copies of the requests: nothing here reads
     * them, and ten thousand recorded prompts filled the 1 GiB heap of a 200-seed chaos run.
     */
    public static Script script(Path file, UnaryOperator<Script> change) {
        try {
            ObjectNode json = (ObjectNode) new ObjectMapper().readTree(file.toFile());
            json.remove("description");
            return change.apply(ScriptFile.parse(json.toString(), file.toString())).withRecordLimit(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the script " + file, e);
        }
    }

    public EmbeddedInfrastructure infrastructure() {
        return infrastructure;
    }

    public String bootstrapServers() {
        return infrastructure.kafka().bootstrapServers();
    }

    public TopicNames topics() {
        return infrastructure.topicNames();
    }

    public ScriptedLlmServer llm() {
        return llm;
    }

    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + "; the services are " + SERVICES);
        }
        return service;
    }

    public List<ServiceProcess> services() {
        return new ArrayList<>(services.values());
    }

    /** Where the exporter writes the dataset files. */
    public Path datasets() {
        return settings.dir().resolve("datasets");
    }

    public Path dir() {
        return settings.dir();
    }

    /** Every consumer group of the pipeline and the topics it must read (base names resolved with the prefix). */
    public Map<String, java.util.Set<String>> consumerGroups() {
        Map<String, java.util.Set<String>> groups = new LinkedHashMap<>();
        for (String service : SERVICES) {
            java.util.Set<String> topicsRead = new java.util.TreeSet<>();
            topicsRead.add(topics().prefix() + INPUTS.get(service));
            if (service.equals("task-evolver")) {
                topicsRead.add(topics().prefix() + "generation.requests");
            }
            if (service.equals("dedup")) {
                // the pre-solve stage, and the rejections that release its in-flight tasks
                topicsRead.add(topics().prefix() + "tasks");
                topicsRead.add(topics().prefix() + "rejected");
            }
            groups.put("synthsmith-" + service, topicsRead);
        }
        return groups;
    }

    /**
     * Starts checking the services every five seconds as Kubernetes would (see {@link ServiceProcess#supervise}),
     * restarting a JVM that exited on its own or stopped being live; {@link #supervisorRestarts()} counts them.
     */
    public synchronized void startSupervisor() {
        if (supervisor != null) {
            return;
        }
        supervisor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        supervisor.scheduleWithFixedDelay(() -> {
            for (ServiceProcess service : services.values()) {
                try {
                    if (service.supervise()) {
                        LOG.warnf("supervisor: %s had exited or failed its liveness probe; started it again", service.name());
                        supervisorRestarts.merge(service.name(), 1, Integer::sum);
                    }
                } catch (RuntimeException e) {
                    LOG.warnf(e, "supervisor: cannot restart %s", service.name());
                }
            }
        }, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Restarts made by the supervisor, by service. */
    public Map<String, Integer> supervisorRestarts() {
        return Map.copyOf(supervisorRestarts);
    }

    /** Samples every service's peak resident memory (call it now and then: a killed JVM's last peak stays). */
    public void sampleMemory() {
        services.values().forEach(ServiceProcess::samplePeakMemory);
    }

    @Override
    public void close() {
        if (supervisor != null) {
            supervisor.shutdownNow();
        }
        closeAll(services, llm, infrastructure);
    }

    private static void closeAll(Map<String, ServiceProcess> services, ScriptedLlmServer llm,
            EmbeddedInfrastructure infrastructure) {
        services.values().parallelStream().forEach(service -> {
            try {
                service.close();
            } catch (RuntimeException e) {
                LOG.warnf(e, "cannot stop %s", service.name());
            }
        });
        if (llm != null) {
            llm.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }
}
