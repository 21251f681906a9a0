package io.synthsmith.verifier.messaging;

import static io.restassured.RestAssured.given;
import static io.synthsmith.verifier.verification.SolvedTasks.Code.python;
import static io.synthsmith.verifier.verification.SolvedTasks.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.synthsmith.embedded.kafka.TopicProbe;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.messages.Solved;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messages.topics.TopicNames;
import io.synthsmith.messaging.deadletter.DeadLetterHeaders;
import io.synthsmith.verifier.verification.SolvedTasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The real sandbox failing persistently after the verifier started (its bubblewrap gone, as after a bad package
 * upgrade): a task is verified again with backoff, then dead-lettered as SANDBOX_UNAVAILABLE, never rejected; and
 * {@code POST /verify} answers 503.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
@TestProfile(SandboxUnavailableTest.BubblewrapGoesAway.class)
class SandboxUnavailableTest {

    /** The verifier's bwrap: a link to the real one, there for the start-up isolation check, removed by the test. */
    static final Path BWRAP = Path.of("target/sandbox-unavailable/bwrap").toAbsolutePath();

    /** Short waits, so that the task is given up on within the test. */
    public static class BubblewrapGoesAway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            linkBubblewrap();
            return Map.of("synthsmith.verifier.sandbox.bwrap", BWRAP.toString(),
                    "synthsmith.verifier.sandbox.unavailable.timeout", "PT8S",
                    "synthsmith.verifier.sandbox.unavailable.first-backoff", "PT0.5S",
                    "synthsmith.verifier.sandbox.unavailable.max-backoff", "PT2S");
        }
    }

    static void linkBubblewrap() {
        try {
            Files.createDirectories(BWRAP.getParent());
            Files.deleteIfExists(BWRAP);
            Files.createSymbolicLink(BWRAP, Path.of("/usr/bin/bwrap"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aTaskTheSandboxCannotRunIsRetriedThenDeadLetteredNeverRejected() throws Exception {
        TopicNames topics = EmbeddedInfrastructureResource.infrastructure().topicNames();
        TopicProbe probe = new TopicProbe(EmbeddedInfrastructureResource.infrastructure().kafka().bootstrapServers());
        MessageCodec codec = new MessageCodec();
        Solved task = SolvedTasks.sum("task-unavailable-" + UUID.randomUUID().toString().substring(0, 8),
                List.of(sample("1 2\n", "3\n")), List.of("7 8\n", "20 22\n", "5 5\n"), false,
                python(SolvedTasks.CORRECT), python(SolvedTasks.CORRECT_TOO), python(SolvedTasks.CORRECT));
        Files.delete(BWRAP);
        try {
            probe.produce(topics.of(Topic.SOLVED), task.id(), codec.encode(task));

            List<ConsumerRecord<String, byte[]>> dead = probe.await(topics.of(Topic.SOLVED) + ".dlq",
                    record -> task.id().equals(record.key()), 1, Duration.ofMinutes(2));
            assertThat(dead).hasSize(1);
            assertThat(TopicProbe.header(dead.get(0), DeadLetterHeaders.ERROR_KIND)).isEqualTo("SANDBOX_UNAVAILABLE");
            assertThat(TopicProbe.header(dead.get(0), DeadLetterHeaders.ERROR))
                    .contains("the sandbox was unavailable for task " + task.id()).contains("attempts over PT8S")
                    .contains(BWRAP.toString());
            assertThat(dead.get(0).value()).isEqualTo(codec.encode(task));
            assertThat(probe.await(topics.of(Topic.REJECTED), record -> new String(record.value(),
                    StandardCharsets.UTF_8).contains("\"" + task.id() + "\""), 1, Duration.ofSeconds(5)))
                    .as("the task is never rejected").isEmpty();
            assertThat(probe.await(topics.of(Topic.VERIFIED), record -> task.id().equals(record.key()), 1,
                    Duration.ofSeconds(1))).isEmpty();
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("synthsmith_verifier_sandbox_unavailable_retries_total"))
                    .body(containsString("kind=\"SANDBOX_UNAVAILABLE\",outcome=\"dead_lettered\""));
            String retries = given().get("/q/metrics").then().extract().asString().replaceAll(" # [^\n]*", "").lines()
                    .filter(line -> line.startsWith("synthsmith_verifier_sandbox_unavailable_retries_total"))
                    .findFirst().orElseThrow();
            assertThat(Double.parseDouble(retries.substring(retries.lastIndexOf(' ') + 1))).isGreaterThanOrEqualTo(2);

            given().contentType("application/json").body(codec.encode(task)).post("/verify").then()
                    .statusCode(503)
                    .header("Retry-After", "30")
                    .body(containsString("\"error\":\"SANDBOX_UNAVAILABLE\""))
                    .body(containsString("try again later"));
        } finally {
            linkBubblewrap();
        }
    }
}
