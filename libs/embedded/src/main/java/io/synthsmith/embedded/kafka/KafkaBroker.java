package io.synthsmith.embedded.kafka;

import io.synthsmith.embedded.process.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker in KRaft mode (one node that is broker and controller), in a JVM of its own, from
 * the Maven artifacts that libs/kafka-broker-runtime resolved. Data lives under the given directory, so a
 * restart keeps every topic and offset.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLASSPATH = "META-INF/synthsmith/kafka-broker.classpath";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final java.util.concurrent.atomic.AtomicReference<Exception> LAST_PROBE_FAILURE =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** How to run the broker. {@code port} 0 picks a free port; {@code maxMessageBytes} bounds any one record. */
    public record Settings(Path dir, int port, int defaultPartitions, int maxMessageBytes, String heap) {

        public static Settings in(Path dir) {
            return new Settings(dir, 0, 4, 16 * 1024 * 1024, "512m");
        }

        public Settings withPort(int newPort) {
            return new Settings(dir, newPort, defaultPartitions, maxMessageBytes, heap);
        }
    }

    private final Settings settings;
    private final int port;
    private final ServerProcess process;

    private KafkaBroker(Settings settings, int port, ServerProcess process) {
        this.settings = settings;
        this.port = port;
        this.process = process;
    }

    /** Formats the storage if it is new, starts the broker, and waits until it answers. */
    public static KafkaBroker start(Settings settings) {
        int port = settings.port() == 0 ? ServerProcess.freePort() : settings.port();
        int controllerPort = ServerProcess.freePort();
        Path dir = settings.dir().toAbsolutePath();
        Path config = dir.resolve("server.properties");
        Path data = dir.resolve("data");
        try {
            Files.createDirectories(data);
            Files.writeString(config, serverProperties(settings, port, controllerPort, data));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka under " + dir, e);
        }
        if (!Files.exists(data.resolve("meta.properties"))) {
            ServerProcess.runTool(launch("kafka-storage-format", "kafka.tools.StorageTool", dir, settings,
                    List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString())), START_TIMEOUT);
        }
        String bootstrap = "127.0.0.1:" + port;
        ServerProcess process;
        try {
            process = ServerProcess.start(
                    launch("kafka-broker", "kafka.Kafka", dir, settings, List.of(config.toString())),
                    () -> answers(bootstrap), START_TIMEOUT);
        } catch (IllegalStateException e) {
            Exception probe = LAST_PROBE_FAILURE.get();
            throw probe == null ? e : new IllegalStateException(e.getMessage() + "\nlast probe of " + bootstrap
                    + " failed with: " + probe, e);
        }
        return new KafkaBroker(settings, port, process);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the broker cleanly (SIGTERM). */
    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    /** Kills the broker (SIGKILL), as a crash would. */
    public void kill() {
        process.kill();
    }

    /** Starts the broker again on the same port and data after {@link #stop()} or {@link #kill()}. */
    public void restart() {
        String bootstrap = bootstrapServers();
        process.restart(() -> answers(bootstrap), START_TIMEOUT);
    }

    @Override
    public void close() {
        stop();
    }

    private static ServerProcess.Launch launch(String name, String mainClass, Path dir, Settings settings,
            List<String> arguments) {
        return new ServerProcess.Launch(name, CLASSPATH, mainClass,
                List.of("-Xms128m", "-Xmx" + settings.heap(), "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                        "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-Dorg.slf4j.simpleLogger.showDateTime=true"),
                arguments, dir, dir.resolve("logs").resolve(name + ".log"));
    }

    private static String serverProperties(Settings settings, int port, int controllerPort, Path data) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=" + settings.defaultPartitions(),
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=" + Math.max(1, settings.defaultPartitions()),
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=" + Math.max(1, settings.defaultPartitions()),
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "message.max.bytes=" + settings.maxMessageBytes(),
                "replica.fetch.max.bytes=" + settings.maxMessageBytes(),
                "compression.type=producer",
                "log.retention.hours=168",
                "log.segment.bytes=67108864",
                "") ;
    }

    private static boolean answers(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            LAST_PROBE_FAILURE.set(e);
            return false;
        }
    }
}
