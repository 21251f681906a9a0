package io.synthsmith.embedded;

import io.synthsmith.embedded.infinispan.InfinispanServer;
import io.synthsmith.embedded.kafka.KafkaBroker;
import io.synthsmith.embedded.kafka.PipelineTopics;
import io.synthsmith.messages.topics.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The pipeline's real infrastructure on one machine without Docker: a Kafka broker (KRaft) with the pipeline's
 * topics, and an Infinispan server, each in a JVM of its own. Used by every service's tests (through
 * {@link io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource}) and by the local launcher (through
 * {@link #main(String[])}).
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    /** Where to keep data and logs, the ports (0: free ones), and the topics to create. */
    public record Settings(Path dir, int kafkaPort, int infinispanPort, PipelineTopics.Settings topics) {

        public static Settings in(Path dir) {
            return new Settings(dir, 0, 0, PipelineTopics.Settings.defaults());
        }
    }

    private final Settings settings;
    private final KafkaBroker kafka;
    private final InfinispanServer infinispan;

    private EmbeddedInfrastructure(Settings settings, KafkaBroker kafka, InfinispanServer infinispan) {
        this.settings = settings;
        this.kafka = kafka;
        this.infinispan = infinispan;
    }

    /** Starts Kafka and Infinispan side by side, then creates the pipeline's topics. */
    public static EmbeddedInfrastructure start(Settings settings) {
        // Threads made here inherit this thread's context class loader, which Kafka's clients load classes with
        // (under Quarkus tests it is not the system class loader).
        ExecutorService starters = Executors.newFixedThreadPool(2);
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(() -> KafkaBroker.start(
                KafkaBroker.Settings.in(settings.dir().resolve("kafka")).withPort(settings.kafkaPort())), starters);
        CompletableFuture<InfinispanServer> infinispan = CompletableFuture.supplyAsync(() -> InfinispanServer.start(
                InfinispanServer.Settings.in(settings.dir().resolve("infinispan")).withPort(settings.infinispanPort())),
                starters);
        starters.shutdown();
        try {
            KafkaBroker broker = kafka.get();
            PipelineTopics.create(broker.bootstrapServers(), settings.topics());
            return new EmbeddedInfrastructure(settings, broker, infinispan.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(kafka, infinispan);
            throw new IllegalStateException("interrupted while starting the infrastructure", e);
        } catch (ExecutionException | RuntimeException e) {
            stopQuietly(kafka, infinispan);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot start the embedded infrastructure: " + cause.getMessage(), cause);
        }
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public InfinispanServer infinispan() {
        return infinispan;
    }

    public TopicNames topicNames() {
        return settings.topics().names();
    }

    /** The configuration a Quarkus service needs to use this infrastructure. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.infinispan-client.hosts", infinispan.hotRodHosts());
        config.put("synthsmith.topics.prefix", topicNames().prefix());
        return config;
    }

    @Override
    public void close() {
        kafka.stop();
        infinispan.stop();
    }

    /**
     * Runs the infrastructure until this process is asked to stop (SIGTERM or Ctrl-C), for the local launcher.
     * Options: {@code --dir D} (default .synthsmith/infra), {@code --kafka-port P} (default 9092),
     * {@code --infinispan-port P} (default 11222), {@code --topic-prefix X} (default synthsmith.),
     * {@code --partitions N} (default 4). Prints one JSON line with the addresses when ready, and writes it to
     * {@code <dir>/infrastructure.json}.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                "--dir", ".synthsmith/infra", "--kafka-port", "9092", "--infinispan-port", "11222",
                "--topic-prefix", TopicNames.DEFAULT_PREFIX, "--partitions", "4"));
        for (int i = 0; i < args.length; i += 2) {
            if (!options.containsKey(args[i]) || i + 1 >= args.length) {
                System.err.println("usage: EmbeddedInfrastructure [--dir D] [--kafka-port P] [--infinispan-port P]"
                        + " [--topic-prefix X] [--partitions N]; unknown or incomplete option: " + args[i]);
                System.exit(2);
            }
            options.put(args[i], args[i + 1]);
        }
        Path dir = Path.of(options.get("--dir")).toAbsolutePath();
        Files.createDirectories(dir);
        Settings settings = new Settings(dir, Integer.parseInt(options.get("--kafka-port")),
                Integer.parseInt(options.get("--infinispan-port")),
                new PipelineTopics.Settings(new TopicNames(options.get("--topic-prefix")),
                        Integer.parseInt(options.get("--partitions")), 16 * 1024 * 1024));
        EmbeddedInfrastructure infrastructure = start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            infrastructure.close();
            stopped.countDown();
        }, "infrastructure-shutdown"));
        String line = String.format(
                "{\"kafka\":\"%s\",\"infinispan\":\"%s\",\"topicPrefix\":\"%s\",\"dir\":\"%s\",\"kafkaPid\":%d,\"infinispanPid\":%d}",
                infrastructure.kafka().bootstrapServers(), infrastructure.infinispan().hotRodHosts(),
                settings.topics().names().prefix(), dir, infrastructure.kafka().pid(), infrastructure.infinispan().pid());
        Files.writeString(dir.resolve("infrastructure.json"), line + "\n");
        System.out.println(line);
        System.out.flush();
        stopped.await();
    }

    private static void stopQuietly(CompletableFuture<KafkaBroker> kafka, CompletableFuture<InfinispanServer> ispn) {
        kafka.thenAccept(KafkaBroker::kill);
        ispn.thenAccept(InfinispanServer::kill);
    }

    /** A fresh working directory under {@code target/} when run from a Maven module, else under the temp dir. */
    public static Path freshDirectory(String name) {
        try {
            Path target = Path.of("target");
            return Files.isDirectory(target)
                    ? Files.createTempDirectory(target.toAbsolutePath(), name + "-")
                    : Files.createTempDirectory(name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory for " + name, e);
        }
    }
}
