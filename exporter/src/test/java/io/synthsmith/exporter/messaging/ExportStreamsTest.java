package io.synthsmith.exporter.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synthsmith.embedded.EmbeddedInfrastructure;
import io.synthsmith.embedded.kafka.TopicProbe;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.exporter.config.ExporterConfig;
import io.synthsmith.exporter.fixtures.AcceptedTasks;
import io.synthsmith.exporter.fixtures.CommittedRecords;
import io.synthsmith.exporter.fixtures.ParquetRows;
import io.synthsmith.exporter.stream.TaskExport;
import io.synthsmith.messages.Accepted;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Rejections;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.topics.Topic;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The exporter on the real broker: accepted tasks in, the exact SFT and RL records out on the export streams (read
 * as a training job reads them, read_committed), valid against the published schemas, each once; the run's
 * Parquet files read back by parquet-java; the counts on {@code GET /runs/{runId}/export}.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
class ExportStreamsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Inject
    TaskExport export;

    @Inject
    ExporterConfig config;

    private final AcceptedTasks tasks = new AcceptedTasks();

    @Test
    void acceptedTasksComeOutOnBothStreamsAndInTheFilesExactlyOnce() throws Exception {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructureResource.infrastructure();
        TopicProbe probe = new TopicProbe(infrastructure.kafka().bootstrapServers());
        String runId = "run-" + UUID.randomUUID().toString().substring(0, 8);
        List<Accepted> accepted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            AcceptedTasks.Variant task = tasks.example().run(runId).id("task-" + runId + "-" + i)
                    .export("{\"fileFormats\": [\"parquet\", \"jsonl\"]}");
            if (i == 1) {
                task.leetcode();
            }
            if (i == 2) {
                task.solvedByAll();
            }
            accepted.add(task.build());
            probe.produce(infrastructure.topicNames().of(Topic.ACCEPTED), accepted.get(i).id(), task.bytes());
        }
        Rejected rejection = Rejections.of("dedup", Rejected.Reason.DUPLICATE, "same statement hash",
                accepted.get(0), Map.of(), Instant.now());
        probe.produce(infrastructure.topicNames().of(Topic.REJECTED), rejection.id(),
                tasks.codec().encode(rejection));

        List<ConsumerRecord<String, byte[]>> sft = CommittedRecords.of(infrastructure.kafka().bootstrapServers(),
                infrastructure.topicNames().of(Topic.EXPORT_SFT), runId, 6, TIMEOUT, Duration.ofSeconds(3));
        List<ConsumerRecord<String, byte[]>> rl = CommittedRecords.of(infrastructure.kafka().bootstrapServers(),
                infrastructure.topicNames().of(Topic.EXPORT_RL), runId, 6, TIMEOUT, Duration.ofSeconds(3));

        assertThat(sft).hasSize(6);
        assertThat(rl).hasSize(6);
        for (Accepted task : accepted) {
            // as bytes and back, like the records read: a long field then reads as the same node type either way
            List<JsonNode> expected = export.of(task).stream()
                    .map(o -> comparable(read(tasks.codec().encode(o.message())))).toList();
            List<JsonNode> actual = Stream.concat(sft.stream(), rl.stream())
                    .filter(r -> r.key().equals(task.id()))
                    .map(r -> comparable(read(r.value())))
                    .toList();
            assertThat(actual).as("records of %s", task.id()).containsExactlyInAnyOrderElementsOf(expected);
        }
        sft.forEach(r -> assertThat(tasks.codec().validate(MessageType.EXPORT_SFT, read(r.value()))).isEmpty());
        rl.forEach(r -> assertThat(tasks.codec().validate(MessageType.EXPORT_RL, read(r.value()))).isEmpty());
        assertThat(rl.stream().map(r -> read(r.value()).at("/extra_info/split").asText()).toList())
                .containsOnlyOnce("easy");

        Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> given().get("/runs/" + runId + "/export").then()
                .statusCode(200)
                .body("sftRows", equalTo(6))
                .body("rlRows", equalTo(6))
                .body("rlBySplit.easy", equalTo(1))
                .body("tasksByStyle.leetcode", equalTo(1))
                .body("rejections.'dedup/duplicate'", equalTo(1)));
        Path run = config.files().directory().toAbsolutePath().resolve(runId);
        List<String> sftRows = parquetRows(run.resolve("sft")).stream().map(r -> (String) r.get("task_id")).toList();
        assertThat(sftRows).containsExactlyInAnyOrderElementsOf(accepted.stream().map(Accepted::id).toList());
        List<String> rlIds = Stream.concat(parquetRows(run.resolve("rl/main")).stream(),
                parquetRows(run.resolve("rl/easy")).stream()).map(r -> (String) r.get("id")).toList();
        assertThat(rlIds).containsExactlyInAnyOrderElementsOf(
                rl.stream().map(r -> read(r.value()).get("id").asText()).toList());
        try (Stream<Path> jsonl = Files.list(run.resolve("sft"))) {
            assertThat(jsonl.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                    .anyMatch(name -> name.endsWith(".jsonl"));
        }
        assertThat(Files.readString(run.resolve("README.md"))).contains("| dedup/duplicate | 1 |");
        given().get("/runs/no-such-run/export").then().statusCode(404);
        given().get("/runs/no-such-run/report").then().statusCode(404);
        given().get("/runs").then().statusCode(200)
                .body("find { it.runId == '" + runId + "' }.rlRows", equalTo(6))
                .body("find { it.runId == '" + runId + "' }.state", equalTo("written"))
                .body("find { it.runId == '" + runId + "' }.cost.tasksWithCost", equalTo(6));
        String report = given().get("/runs/" + runId + "/report").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertThat(report).contains("<canvas id=\"funnel\">", "Chart.js v4.4.1");
        assertThat(run.resolve("report.html")).exists();
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", hasItems("/runs", "/runs/{runId}/export", "/runs/{runId}/report"));
    }

    private JsonNode read(byte[] value) {
        try {
            return tasks.codec().mapper().readTree(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A record without the instants the exporter stamps when it writes it. */
    private static JsonNode comparable(JsonNode record) {
        ObjectNode copy = record.deepCopy();
        copy.remove("createdAt");
        copy.withArray("/lineage/trail").forEach(mark -> ((ObjectNode) mark).remove("at"));
        return copy;
    }

    private static List<Map<String, Object>> parquetRows(Path directory) throws java.io.IOException {
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
