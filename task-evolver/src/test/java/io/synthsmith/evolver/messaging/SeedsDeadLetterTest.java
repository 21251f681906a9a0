package io.synthsmith.evolver.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synthsmith.embedded.kafka.TopicProbe;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.evolver.pipeline.ScriptedEvolverLlm;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messaging.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Seeds produced with a plain Kafka producer, as a user with kcat would: good ones pass, bad ones are dead-lettered. */
@QuarkusTest
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
@QuarkusTestResource(ScriptedEvolverLlm.class)
class SeedsDeadLetterTest {

    private static final byte[] BINARY = {(byte) 0xca, (byte) 0xfe, 0x00, (byte) 0xba, (byte) 0xbe};

    private final String seeds = EmbeddedInfrastructureResource.infrastructure().topicNames().of(Topic.SEEDS);
    private final TopicProbe probe =
            new TopicProbe(EmbeddedInfrastructureResource.infrastructure().kafka().bootstrapServers());

    @Test
    void anInvalidSeedArrivesOnTheDeadLetterTopicWithAnErrorNamingTheProblemAndTheValidOneIsProcessed()
            throws Exception {
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("missing-id", utf8("""
                {"schema":"synthsmith.seed/v1","runId":"r","content":{"kind":"code","language":"python","snippet":"print(1)"}}"""));
        records.put("not-json", utf8("seed: print(1)"));
        records.put("binary", BINARY);
        records.put("future", utf8("{\"schema\":\"synthsmith.seed/v9\",\"runId\":\"r\",\"id\":\"s\"}"));
        records.put("wrong-topic", Files.readAllBytes(Path.of("../examples/messages/task-leetcode.json")));
        records.put("empty-code", utf8("""
                {"schema":"synthsmith.seed/v1","runId":"r","id":"s2","content":{"kind":"code","language":"python","snippet":""}}"""));
        records.put("valid", Files.readAllBytes(Path.of("../examples/messages/seed-code.json")));

        Map<String, ConsumerRecord<String, byte[]>> dead = probe.deadLettersOf(seeds, records, 6, Duration.ofSeconds(90));

        assertThat(dead).containsOnlyKeys("missing-id", "not-json", "binary", "future", "wrong-topic", "empty-code");
        ConsumerRecord<String, byte[]> missingId = dead.get("missing-id");
        assertThat(TopicProbe.header(missingId, DeadLetterHeaders.ERROR_KIND)).isEqualTo("SCHEMA_VIOLATION");
        assertThat(TopicProbe.header(missingId, DeadLetterHeaders.ERROR_FIELD)).isEqualTo("$.id");
        assertThat(TopicProbe.header(missingId, DeadLetterHeaders.ERROR)).contains("required property 'id' not found");
        assertThat(TopicProbe.header(missingId, DeadLetterHeaders.SERVICE)).isEqualTo("task-evolver");
        assertThat(TopicProbe.header(missingId, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(seeds);
        assertThat(TopicProbe.header(missingId, DeadLetterHeaders.SOURCE_OFFSET)).matches("\\d+");
        assertThat(TopicProbe.header(missingId, DeadLetterHeaders.SOURCE_PARTITION)).matches("\\d+");
        assertThat(TopicProbe.header(dead.get("not-json"), DeadLetterHeaders.ERROR_KIND)).isEqualTo("NOT_JSON");
        assertThat(TopicProbe.header(dead.get("binary"), DeadLetterHeaders.ERROR_KIND)).isEqualTo("NOT_JSON");
        assertThat(dead.get("binary").value()).containsExactly(BINARY);
        assertThat(TopicProbe.header(dead.get("future"), DeadLetterHeaders.ERROR))
                .contains("unsupported schema version \"synthsmith.seed/v9\"");
        assertThat(TopicProbe.header(dead.get("wrong-topic"), DeadLetterHeaders.ERROR_KIND)).isEqualTo("WRONG_SCHEMA");
        assertThat(TopicProbe.header(dead.get("empty-code"), DeadLetterHeaders.ERROR)).contains("snippet");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("synthsmith_inbound_records_total{kind=\"none\",outcome=\"processed\",topic=\""
                        + seeds + "\"}")));
    }

    @Test
    void readinessAsksTheBrokerAndTheChannels() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body(containsString("\"status\": \"UP\""))
                .body(containsString("Kafka connection health check"))
                .body(containsString("\"seeds\": \"[OK]\"")));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
