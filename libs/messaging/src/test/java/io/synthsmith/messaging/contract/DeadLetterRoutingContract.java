package io.synthsmith.messaging.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthsmith.embedded.kafka.TopicProbe;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.messages.codec.MessageCodec;
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

/**
 * What every service promises about its input topic, run against the service on the real broker: a record that
 * breaks the contract lands on {@code <topic>.dlq} with headers naming the error, the field and the service, and
 * a valid record behind it is processed. Each service's test extends this with its topic and an example message.
 */
public abstract class DeadLetterRoutingContract {

    private final Topic topic;
    private final String service;
    private final String example;
    private final String requiredField;
    private final String channel;

    /**
     * @param example       a file of examples/messages that is valid on {@code topic}
     * @param requiredField a top-level field of that message which the schema requires
     */
    protected DeadLetterRoutingContract(Topic topic, String service, String example, String requiredField) {
        this(topic, service, example, requiredField, topic.baseName());
    }

    /** @param channel the incoming channel reading {@code topic}, when it is not named after the topic */
    protected DeadLetterRoutingContract(Topic topic, String service, String example, String requiredField,
            String channel) {
        this.topic = topic;
        this.service = service;
        this.example = example;
        this.requiredField = requiredField;
        this.channel = channel;
    }

    @Test
    void recordsThatBreakTheContractAreDeadLetteredAndTheValidOneIsProcessed() throws Exception {
        String topicName = EmbeddedInfrastructureResource.infrastructure().topicNames().of(topic);
        TopicProbe probe = new TopicProbe(EmbeddedInfrastructureResource.infrastructure().kafka().bootstrapServers());
        MessageCodec codec = new MessageCodec();
        byte[] valid = Files.readAllBytes(Path.of("../examples/messages").resolve(example));
        ObjectNode incomplete = (ObjectNode) codec.mapper().readTree(valid);
        incomplete.remove(requiredField);
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("incomplete", codec.mapper().writeValueAsBytes(incomplete));
        records.put("not-json", "{\"schema\": ".getBytes(StandardCharsets.UTF_8));
        records.put("valid", valid);

        Map<String, ConsumerRecord<String, byte[]>> dead = probe.deadLettersOf(topicName, records, 2,
                Duration.ofSeconds(90));

        assertThat(dead).containsOnlyKeys("incomplete", "not-json");
        ConsumerRecord<String, byte[]> incompleteLetter = dead.get("incomplete");
        assertThat(TopicProbe.header(incompleteLetter, DeadLetterHeaders.ERROR_KIND)).isEqualTo("SCHEMA_VIOLATION");
        assertThat(TopicProbe.header(incompleteLetter, DeadLetterHeaders.ERROR_FIELD)).isEqualTo("$." + requiredField);
        assertThat(TopicProbe.header(incompleteLetter, DeadLetterHeaders.ERROR)).contains(requiredField);
        assertThat(TopicProbe.header(incompleteLetter, DeadLetterHeaders.SERVICE)).isEqualTo(service);
        assertThat(TopicProbe.header(incompleteLetter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topicName);
        assertThat(TopicProbe.header(incompleteLetter, DeadLetterHeaders.SOURCE_OFFSET)).matches("\\d+");
        assertThat(TopicProbe.header(dead.get("not-json"), DeadLetterHeaders.ERROR_KIND)).isEqualTo("NOT_JSON");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("synthsmith_inbound_records_total{kind=\"none\",outcome=\"processed\",topic=\""
                        + topicName + "\"}")));
    }

    @Test
    void readinessAsksTheBrokerAndTheInputChannel() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body(containsString("\"status\": \"UP\""))
                .body(containsString("Kafka connection health check"))
                .body(containsString("\"" + channel + "\": \"[OK]\"")));
    }
}
