package io.synthsmith.exporter.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.embedded.EmbeddedInfrastructure;
import io.synthsmith.exporter.files.Manifest;
import io.synthsmith.exporter.fixtures.AcceptedTasks;
import io.synthsmith.exporter.fixtures.CommittedRecords;
import io.synthsmith.exporter.fixtures.ParquetRows;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.topics.Topic;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged exporter ({@code target/quarkus-app}) as its own process on the real broker, killed with SIGKILL in
 * the middle of a run and started again: every accepted task comes out on both export streams exactly once, and the
 * run's Parquet files (read by parquet-java) hold every record exactly once.
 */
class ExporterRestartIT {

    private static final int TASKS = 400;
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    private final AcceptedTasks tasks = new AcceptedTasks();
    private EmbeddedInfrastructure infrastructure;
    private Path files;
    private Process exporter;

    @BeforeEach
    void start() throws IOException {
        infrastructure = EmbeddedInfrastructure.start(EmbeddedInfrastructure.Settings.in(
                EmbeddedInfrastructure.freshDirectory("restart-it")));
        files = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restart-it-files-");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (exporter != null && exporter.isAlive()) {
            exporter.destroy();
            exporter.waitFor(60, TimeUnit.SECONDS);
        }
        infrastructure.close();
    }

    @Test
    void killedMidRunAndRestartedTheExporterLosesAndRepeatsNothing() throws Exception {
        String runId = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> taskIds = produce(runId);

        exporter = launch("first");
        awaitCommittedAtLeast(runId, 40);
        exporter.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        int committedAtKill = CommittedRecords.of(bootstrap(), topic(Topic.EXPORT_SFT), runId, TASKS,
                Duration.ofSeconds(10), Duration.ZERO).size();
        assertThat(committedAtKill).as("the kill came in the middle of the run").isBetween(40, TASKS - 1);

        exporter = launch("second");
        List<ConsumerRecord<String, byte[]>> sft = CommittedRecords.of(bootstrap(), topic(Topic.EXPORT_SFT), runId,
                TASKS, TIMEOUT, Duration.ofSeconds(5));
        List<ConsumerRecord<String, byte[]>> rl = CommittedRecords.of(bootstrap(), topic(Topic.EXPORT_RL), runId,
                TASKS, TIMEOUT, Duration.ofSeconds(5));

        assertThat(sft.stream().map(ConsumerRecord::key).toList()).hasSize(TASKS)
                .containsExactlyInAnyOrderElementsOf(taskIds);
        assertThat(rl.stream().map(ConsumerRecord::key).toList()).hasSize(TASKS)
                .containsExactlyInAnyOrderElementsOf(taskIds);
        for (ConsumerRecord<String, byte[]> record : sft) {
            assertThat(tasks.codec().validate(MessageType.EXPORT_SFT, json(record.value()))).isEmpty();
        }
        for (ConsumerRecord<String, byte[]> record : rl) {
            assertThat(tasks.codec().validate(MessageType.EXPORT_RL, json(record.value()))).isEmpty();
        }

        Path run = files.resolve(runId);
        Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Manifest manifest = tasks.codec().mapper().readValue(run.resolve("manifest.json").toFile(),
                    Manifest.class);
            assertThat(manifest.counts().sftRows()).isEqualTo(TASKS);
            assertThat(manifest.counts().rlRows()).isEqualTo(TASKS);
        });
        assertThat(column(run.resolve("sft"), "task_id")).hasSize(TASKS).containsExactlyInAnyOrderElementsOf(taskIds);
        List<String> rlRows = new ArrayList<>(column(run.resolve("rl/main"), "id"));
        rlRows.addAll(column(run.resolve("rl/easy"), "id"));
        assertThat(rlRows).hasSize(TASKS).doesNotHaveDuplicates();
        Manifest manifest = tasks.codec().mapper().readValue(run.resolve("manifest.json").toFile(), Manifest.class);
        Set<String> listed = new HashSet<>(manifest.shards().stream().map(Manifest.Shard::path).toList());
        try (Stream<Path> all = Files.walk(run)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> run.relativize(p).toString())
                    .filter(p -> p.endsWith(".parquet")).toList()).allMatch(listed::contains);
        }
    }

    private List<String> produce(String runId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        List<String> ids = new ArrayList<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < TASKS; i++) {
                AcceptedTasks.Variant task = tasks.example().run(runId).id("task-" + runId + "-" + i);
                if (i % 10 == 0) {
                    task.solvedByAll();
                }
                String id = "task-" + runId + "-" + i;
                ids.add(id);
                sent.add(producer.send(new ProducerRecord<>(topic(Topic.ACCEPTED), id, task.bytes())));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sent) {
                // An input the test failed to write would look like a record the exporter lost.
                assertThat(send).as("the test's accepted records are all on the broker").succeedsWithin(TIMEOUT);
            }
        }
        return ids;
    }

    private void awaitCommittedAtLeast(String runId, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "watch-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic(Topic.EXPORT_SFT)));
            int seen = 0;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (seen < count) {
                assertThat(System.nanoTime()).as("the first exporter committed %d records in time", count)
                        .isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    seen += new String(record.headers().lastHeader("synthsmith-run-id").value(),
                            StandardCharsets.UTF_8).equals(runId) ? 1 : 0;
                }
            }
        }
    }

    private Process launch(String name) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        assertThat(jar).as("the packaged exporter (mvn package)").exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString());
        Map<String, String> env = builder.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap());
        env.put("SYNTHSMITH_TOPICS_PREFIX", infrastructure.topicNames().prefix());
        env.put("SYNTHSMITH_EXPORTER_FILES_DIRECTORY", files.toString());
        env.put("SYNTHSMITH_EXPORTER_FILES_SHARD_ROWS", "7");
        env.put("SYNTHSMITH_EXPORTER_FILES_SHARD_MAX_AGE", "PT2S");
        env.put("MP_MESSAGING_INCOMING_ACCEPTED_MAX_POLL_RECORDS", "1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(freePort()));
        env.put("HOSTNAME", "restart-it");
        Path log = Path.of("target", "restart-it-exporter-" + name + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    private List<String> column(Path directory, String name) throws IOException {
        List<String> values = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return values;
        }
        try (Stream<Path> shards = Files.list(directory)) {
            for (Path shard : shards.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
                ParquetRows.read(shard).forEach(row -> values.add((String) row.get(name)));
            }
        }
        return values;
    }

    private JsonNode json(byte[] value) throws IOException {
        return tasks.codec().mapper().readTree(value);
    }

    private String bootstrap() {
        return infrastructure.kafka().bootstrapServers();
    }

    private String topic(Topic topic) {
        return infrastructure.topicNames().of(topic);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
