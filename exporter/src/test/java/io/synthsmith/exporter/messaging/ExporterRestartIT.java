package io.synthsmith.exporter.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.embedded.EmbeddedInfrastructure;
import io.synthsmith.exporter.files.Manifest;
import io.synthsmith.exporter.fixtures.AcceptedTasks;
import io.synthsmith.exporter.fixtures.AcceptedWriter;
import io.synthsmith.exporter.fixtures.CommittedRecords;
import io.synthsmith.exporter.fixtures.LedgerRecords;
import io.synthsmith.exporter.fixtures.ParquetRows;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.topics.Topic;
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
 * run's Parquet files (read by parquet-java) hold every record exactly once. And the export ledger outlives the
 * process: tasks written to accepted again after a restart (as a dedup replica killed between publishing and
 * committing its offset writes them) are not exported again by the new process.
 */
class ExporterRestartIT {

    private static final int TASKS = 400;
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    private final AcceptedTasks tasks = new AcceptedTasks();
    private EmbeddedInfrastructure infrastructure;
    private Path files;
    private Process exporter;
    private int httpPort;

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

        exporter = launch("first", Map.of("MP_MESSAGING_INCOMING_ACCEPTED_MAX_POLL_RECORDS", "1"));
        awaitCommittedAtLeast(runId, 40);
        exporter.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        int committedAtKill = CommittedRecords.of(bootstrap(), topic(Topic.EXPORT_SFT), runId, TASKS,
                Duration.ofSeconds(10), Duration.ZERO).size();
        assertThat(committedAtKill).as("the kill came in the middle of the run").isBetween(40, TASKS - 1);

        exporter = launch("second", Map.of("MP_MESSAGING_INCOMING_ACCEPTED_MAX_POLL_RECORDS", "1"));
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
        // The ledger entries of the transaction the kill interrupted were aborted with it: one entry per task.
        assertThat(LedgerRecords.of(bootstrap(), topic(Topic.EXPORT_LEDGER), runId).stream()
                .map(LedgerRecords.Entry::key).toList()).hasSize(TASKS).containsExactlyInAnyOrderElementsOf(taskIds);
    }

    @Test
    void tasksWrittenToAcceptedAgainAfterARestartAreNotExportedAgain() throws Exception {
        String runId = "again-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> originals = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> first = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "task-" + runId + "-" + i;
            originals.add(id);
            first.add(new ProducerRecord<>(topic(Topic.ACCEPTED), i % 4, id,
                    tasks.example().run(runId).id(id).bytes()));
        }
        AcceptedWriter writer = new AcceptedWriter(bootstrap());
        writer.write(first);
        exporter = launch("ledger-first", Map.of());
        assertThat(CommittedRecords.of(bootstrap(), topic(Topic.EXPORT_SFT), runId, 20, TIMEOUT, Duration.ZERO))
                .as("the first process exports the originals").hasSize(20);
        exporter.destroyForcibly().waitFor(60, TimeUnit.SECONDS);

        // Every original again on its partition with its message id; half of them also under another message id
        // on another partition; then a new task on each partition, after the copies.
        List<ProducerRecord<String, byte[]>> again = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = originals.get(i);
            again.add(new ProducerRecord<>(topic(Topic.ACCEPTED), i % 4, id, tasks.example().run(runId).id(id).bytes()));
            if (i % 2 == 0) {
                String messageId = "accepted-again-" + id;
                again.add(new ProducerRecord<>(topic(Topic.ACCEPTED), (i + 1) % 4, messageId,
                        tasks.example().run(runId).id(id).messageId(messageId).bytes()));
            }
        }
        List<String> expected = new ArrayList<>(originals);
        for (int p = 0; p < 4; p++) {
            String id = "task-" + runId + "-new-" + p;
            expected.add(id);
            again.add(new ProducerRecord<>(topic(Topic.ACCEPTED), p, id, tasks.example().run(runId).id(id).bytes()));
        }
        writer.write(again);
        exporter = launch("ledger-second", Map.of());

        List<ConsumerRecord<String, byte[]>> sft = CommittedRecords.of(bootstrap(), topic(Topic.EXPORT_SFT), runId,
                expected.size(), TIMEOUT, Duration.ofSeconds(5));
        List<ConsumerRecord<String, byte[]>> rl = CommittedRecords.of(bootstrap(), topic(Topic.EXPORT_RL), runId,
                expected.size(), TIMEOUT, Duration.ofSeconds(5));
        assertThat(sft.stream().map(ConsumerRecord::key).toList()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rl.stream().map(ConsumerRecord::key).toList()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(LedgerRecords.of(bootstrap(), topic(Topic.EXPORT_LEDGER), runId).stream()
                .map(LedgerRecords.Entry::key).toList()).containsExactlyInAnyOrderElementsOf(expected);
        Path run = files.resolve(runId);
        Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Manifest manifest = tasks.codec().mapper().readValue(run.resolve("manifest.json").toFile(),
                    Manifest.class);
            assertThat(manifest.counts().sftRows()).isEqualTo(expected.size());
            assertThat(manifest.counts().rlRows()).isEqualTo(expected.size());
        });
        assertThat(column(run.resolve("sft"), "task_id")).containsExactlyInAnyOrderElementsOf(expected);
        Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(metrics())
                .as("the second process counts the 30 copies as duplicates")
                .containsPattern("(?m)^synthsmith_exporter_tasks_total\\{[^}]*outcome=\"duplicate\"[^}]*} 30(\\.0)?$"));
    }

    private String metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + httpPort + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
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

    private Process launch(String name, Map<String, String> overrides) throws IOException {
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
        httpPort = freePort();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        env.put("HOSTNAME", "restart-it");
        env.putAll(overrides);
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
