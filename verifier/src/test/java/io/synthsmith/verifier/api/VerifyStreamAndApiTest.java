package io.synthsmith.verifier.api;

import static io.restassured.RestAssured.given;
import static io.synthsmith.verifier.verification.SolvedTasks.Code.python;
import static io.synthsmith.verifier.verification.SolvedTasks.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.synthsmith.embedded.kafka.TopicProbe;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.messages.Solved;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messages.topics.TopicNames;
import io.synthsmith.verifier.verification.SolvedTasks;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The verifier on the real broker: solved tasks in, verified and rejected messages out; and {@code POST /verify}
 * answering the same message for the same input.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
class VerifyStreamAndApiTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private final MessageCodec codec = new MessageCodec();

    @Test
    void solvedInVerifiedAndRejectedOutAndThePostGivesTheSameMessages() throws Exception {
        TopicNames topics = EmbeddedInfrastructureResource.infrastructure().topicNames();
        TopicProbe probe = new TopicProbe(EmbeddedInfrastructureResource.infrastructure().kafka().bootstrapServers());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Solved good = SolvedTasks.withBruteForce(SolvedTasks.sum("task-good-" + tag,
                List.of(sample("1 2\n", "3\n"), sample("4 5\n", "9\n")), List.of("7 8\n", "20 22\n"), true,
                python(SolvedTasks.CORRECT), python(SolvedTasks.CORRECT_TOO), python(SolvedTasks.PRODUCT)),
                SolvedTasks.BRUTE_FORCE);
        Solved bad = SolvedTasks.sum("task-bad-" + tag, List.of(sample("3 4\n", "7\n")),
                List.of("5 6\n", "2 9\n", "8 8\n"), false, python(SolvedTasks.PRODUCT), python(SolvedTasks.PRODUCT),
                python(SolvedTasks.PRODUCT));

        probe.produce(topics.of(Topic.SOLVED), good.id(), codec.encode(good));
        probe.produce(topics.of(Topic.SOLVED), bad.id(), codec.encode(bad));

        ConsumerRecord<String, byte[]> verified = single(probe.await(topics.of(Topic.VERIFIED),
                record -> good.id().equals(record.key()), 1, TIMEOUT));
        ConsumerRecord<String, byte[]> rejected = single(probe.await(topics.of(Topic.REJECTED),
                record -> new String(record.value(), StandardCharsets.UTF_8).contains("\"" + bad.id() + "\""), 1,
                TIMEOUT));
        JsonNode streamVerified = codec.mapper().readTree(verified.value());
        JsonNode streamRejected = codec.mapper().readTree(rejected.value());
        assertThat(streamVerified.path("golden").path("candidateId").asText()).isEqualTo("cand-1-" + good.id());
        assertThat(streamVerified.path("bruteForce").path("status").asText()).isEqualTo("used");
        assertThat(streamRejected.path("reason").asText()).isEqualTo("contradicts_samples");

        JsonNode postVerified = post(good);
        JsonNode postRejected = post(bad);

        assertThat(deterministic(postVerified)).isEqualTo(deterministic(streamVerified));
        assertThat(deterministic(postRejected)).isEqualTo(deterministic(streamRejected));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("synthsmith_verifier_tasks_total{outcome=\"verified\",reason=\"none\"}"))
                .body(containsString("synthsmith_verifier_tasks_total{outcome=\"rejected\","
                        + "reason=\"contradicts_samples\"}"))
                .body(containsString("synthsmith_verifier_runs_total{language=\"python\",verdict=\"passed\"}"))
                .body(containsString("synthsmith_verifier_sandbox_isolated 1.0")));
    }

    @Test
    void theServiceListensOnLoopbackOnly() throws Exception {
        int port = RestAssured.port;
        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        }
        List<InetAddress> beyond = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .toList();
        Assumptions.assumeFalse(beyond.isEmpty(), "this machine has no address beyond loopback to try");
        for (InetAddress address : beyond) {
            try (Socket outside = new Socket()) {
                assertThatThrownBy(() -> outside.connect(new InetSocketAddress(address, port), 2_000))
                        .as("connecting to %s:%d", address, port).isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void aPostThatBreaksTheSolvedContractIsABadRequestNamingTheField() {
        given().contentType("application/json").body("{\"schema\": \"synthsmith.solved/v1\"}")
                .post("/verify").then()
                .statusCode(400)
                .body(containsString("SCHEMA_VIOLATION"));
    }

    private JsonNode post(Solved solved) throws Exception {
        byte[] body = given().contentType("application/json").body(codec.encode(solved))
                .post("/verify").then().statusCode(200).extract().asByteArray();
        return codec.mapper().readTree(body);
    }

    /** A message without what differs between two runs of the same input: timestamps and measured costs. */
    private static JsonNode deterministic(JsonNode message) {
        ObjectNode copy = message.deepCopy();
        copy.remove("createdAt");
        copy.remove("lineage");
        if (copy.has("execution")) {
            ObjectNode execution = (ObjectNode) copy.get("execution");
            execution.remove("cpuMillis");
            execution.remove("wallMillis");
        }
        return copy;
    }

    private static ConsumerRecord<String, byte[]> single(List<ConsumerRecord<String, byte[]>> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
