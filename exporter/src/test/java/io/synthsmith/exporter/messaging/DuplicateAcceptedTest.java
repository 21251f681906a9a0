package io.synthsmith.exporter.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synthsmith.embedded.EmbeddedInfrastructure;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.exporter.config.ExporterConfig;
import io.synthsmith.exporter.fixtures.AcceptedTasks;
import io.synthsmith.exporter.fixtures.AcceptedWriter;
import io.synthsmith.exporter.fixtures.CommittedRecords;
import io.synthsmith.exporter.fixtures.LedgerRecords;
import io.synthsmith.exporter.fixtures.ParquetRows;
import io.synthsmith.messages.topics.Topic;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A task that an upstream stage writes to accepted more than once (a dedup replica killed between publishing and
 * committing its offset writes it again, under the same or another message id, on the same or another partition)
 * is exported once: once on export.sft and export.rl (read_committed), once in the Parquet files, one entry in the
 * export ledger, and each copy counted as a duplicate. Real broker; the accepted topic has 4 partitions.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
class DuplicateAcceptedTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Inject
    ExporterConfig config;

    @Inject
    MeterRegistry registry;

    private final AcceptedTasks tasks = new AcceptedTasks();
    private final EmbeddedInfrastructure infrastructure = EmbeddedInfrastructureResource.infrastructure();
    private final AcceptedWriter writer = new AcceptedWriter(infrastructure.kafka().bootstrapServers());

    @Test
    void copiesReadInTheSameBatchAsTheOriginalAreNotExported() throws Exception {
        String runId = run();
        double duplicatesBefore = duplicates().count();

        // One upstream transaction: a read_committed consumer sees all six at once and reads them in one batch.
        writer.writeAtomically(List.of(
                accepted(runId, "a", "a", 0),
                accepted(runId, "a", "a", 0),
                accepted(runId, "a", "a-again", 0),
                accepted(runId, "b", "b", 1),
                accepted(runId, "b", "b-again", 2),
                accepted(runId, "c", "c", 3)));

        assertExportedOnce(runId, List.of(task(runId, "a"), task(runId, "b"), task(runId, "c")));
        Awaitility.await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(duplicates().count() - duplicatesBefore).isEqualTo(3));
        assertThat(registry.find("synthsmith.exporter.records")
                .tags("topic", infrastructure.topicNames().of(Topic.EXPORT_SFT), "outcome", "committed").counter())
                .as("export record counts are labelled with the full topic name").isNotNull()
                .extracting(Counter::count).matches(count -> count >= 3);
    }

    @Test
    void copiesWrittenAfterTheOriginalWasExportedAreNotExportedAgain() throws Exception {
        String runId = run();
        double duplicatesBefore = duplicates().count();
        writer.write(List.of(accepted(runId, "a", "a", 0), accepted(runId, "b", "b", 1)));
        assertThat(CommittedRecords.of(bootstrap(), topic(Topic.EXPORT_SFT), runId, 2, TIMEOUT, Duration.ZERO))
                .as("the originals are exported first").hasSize(2);

        // Copies on the original's partition and on others, then a new task on each partition: once the new tasks
        // are out, every copy before them on its partition has been decided.
        writer.write(List.of(
                accepted(runId, "a", "a", 0),
                accepted(runId, "a", "a-again", 3),
                accepted(runId, "b", "b-again", 1),
                accepted(runId, "b", "b", 2),
                accepted(runId, "m0", "m0", 0),
                accepted(runId, "m1", "m1", 1),
                accepted(runId, "m2", "m2", 2),
                accepted(runId, "m3", "m3", 3)));

        assertExportedOnce(runId, Stream.of("a", "b", "m0", "m1", "m2", "m3").map(t -> task(runId, t)).toList());
        Awaitility.await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(duplicates().count() - duplicatesBefore).isEqualTo(4));
    }

    private void assertExportedOnce(String runId, List<String> taskIds) throws IOException {
        int n = taskIds.size();
        List<ConsumerRecord<String, byte[]>> sft = CommittedRecords.of(bootstrap(), topic(Topic.EXPORT_SFT), runId, n,
                TIMEOUT, Duration.ofSeconds(3));
        List<ConsumerRecord<String, byte[]>> rl = CommittedRecords.of(bootstrap(), topic(Topic.EXPORT_RL), runId, n,
                TIMEOUT, Duration.ofSeconds(3));
        assertThat(sft.stream().map(ConsumerRecord::key).toList()).containsExactlyInAnyOrderElementsOf(taskIds);
        assertThat(rl.stream().map(ConsumerRecord::key).toList()).containsExactlyInAnyOrderElementsOf(taskIds);

        List<LedgerRecords.Entry> ledger = LedgerRecords.of(bootstrap(), topic(Topic.EXPORT_LEDGER), runId);
        assertThat(ledger.stream().map(LedgerRecords.Entry::key).toList()).containsExactlyInAnyOrderElementsOf(taskIds);
        for (LedgerRecords.Entry entry : ledger) {
            assertThat(entry.value().taskId()).isEqualTo(entry.key());
            assertThat(entry.value().accepted().topic()).isEqualTo(topic(Topic.ACCEPTED));
            assertThat(entry.partition()).as("ledger partition of %s", entry.key())
                    .isEqualTo(entry.value().accepted().partition());
        }

        Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> given().get("/runs/" + runId + "/export").then()
                .statusCode(200)
                .body("sftRows", equalTo(n))
                .body("rlRows", equalTo(n)));
        Path run = config.files().directory().toAbsolutePath().resolve(runId);
        assertThat(parquetRows(run.resolve("sft")).stream().map(r -> (String) r.get("task_id")).toList())
                .containsExactlyInAnyOrderElementsOf(taskIds);
        List<Map<String, Object>> rlRows = new ArrayList<>(parquetRows(run.resolve("rl/main")));
        rlRows.addAll(parquetRows(run.resolve("rl/easy")));
        assertThat(rlRows.stream().map(r -> (String) ((Map<?, ?>) r.get("extra_info")).get("task_id")).toList())
                .containsExactlyInAnyOrderElementsOf(taskIds);
    }

    private ProducerRecord<String, byte[]> accepted(String runId, String task, String message, int partition) {
        String taskId = task(runId, task);
        String messageId = message.equals(task) ? taskId : "accepted-" + runId + "-" + message;
        byte[] value = tasks.example().run(runId).id(taskId).messageId(messageId).bytes();
        return new ProducerRecord<>(topic(Topic.ACCEPTED), partition, messageId, value);
    }

    private Counter duplicates() {
        return registry.counter("synthsmith.exporter.tasks", "outcome", "duplicate");
    }

    private static String run() {
        return "dup-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String task(String runId, String name) {
        return "task-" + runId + "-" + name;
    }

    private String bootstrap() {
        return infrastructure.kafka().bootstrapServers();
    }

    private String topic(Topic topic) {
        return infrastructure.topicNames().of(topic);
    }

    private static List<Map<String, Object>> parquetRows(Path directory) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return rows;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
                rows.addAll(ParquetRows.read(file));
            }
        }
        return rows;
    }
}
