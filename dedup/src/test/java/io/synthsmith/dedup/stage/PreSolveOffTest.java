package io.synthsmith.dedup.stage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.synthsmith.dedup.TaskTexts;
import io.synthsmith.embedded.EmbeddedInfrastructure;
import io.synthsmith.embedded.kafka.TopicProbe;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.topics.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * With dedup before solving off, the evolver's tasks are left to the solver (nothing is read from {@code tasks} or
 * written to {@code tasks.unique}) and the post-verification stage decides every task as it always did.
 */
@QuarkusTest
@TestProfile(PreSolveOffTest.Off.class)
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
class PreSolveOffTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final EmbeddedInfrastructure infrastructure = EmbeddedInfrastructureResource.infrastructure();
    private final TopicProbe probe = new TopicProbe(infrastructure.kafka().bootstrapServers());
    private final MessageCodec codec = new MessageCodec();

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synthsmith.dedup.pre-solve.enabled", "false");
        }
    }

    @Test
    void tasksAreLeftToTheSolverAndVerifiedTasksAreDecidedAfterVerification() throws Exception {
        String run = "off-" + UUID.randomUUID().toString().substring(0, 8);
        String id = "task-" + run;
        ObjectNode task = (ObjectNode) codec.mapper().readTree(
                Files.readAllBytes(Path.of("../examples/messages/task-codeforces.json")));
        task.put("runId", run).put("id", id).put("statement", TaskTexts.original());
        task.remove("run");
        probe.produce(infrastructure.topicNames().of(Topic.TASKS), id, codec.mapper().writeValueAsBytes(task));
        ObjectNode verified = (ObjectNode) codec.mapper().readTree(
                Files.readAllBytes(Path.of("../examples/messages/verified.json")));
        verified.put("runId", run).put("id", id);
        ((ObjectNode) verified.get("task")).put("runId", run).put("id", id).put("statement", TaskTexts.original())
                .remove("run");
        probe.produce(infrastructure.topicNames().of(Topic.VERIFIED), id, codec.mapper().writeValueAsBytes(verified));

        assertThat(probe.await(infrastructure.topicNames().of(Topic.ACCEPTED), r -> id.equals(r.key()), 1, TIMEOUT))
                .hasSize(1);
        Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> given().queryParam("runId", run).get("/stats").then()
                .statusCode(200)
                .body("seen", equalTo(1))
                .body("unique", equalTo(1))
                .body("indexSize", equalTo(1))
                .body("preSolve.checked", equalTo(0)));
        assertThat(probe.await(infrastructure.topicNames().of(Topic.TASKS_UNIQUE), r -> id.equals(r.key()), 1,
                Duration.ofSeconds(5))).as("nothing forwarded before solving").isEmpty();
    }
}
