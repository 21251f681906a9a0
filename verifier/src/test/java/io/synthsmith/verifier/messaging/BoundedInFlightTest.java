package io.synthsmith.verifier.messaging;

import static io.restassured.RestAssured.given;
import static io.synthsmith.verifier.verification.SolvedTasks.Code.python;
import static io.synthsmith.verifier.verification.SolvedTasks.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synthsmith.embedded.kafka.TopicProbe;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.messages.Solved;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messages.topics.TopicNames;
import io.synthsmith.verifier.verification.SolvedTasks;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A backlog of solved tasks is taken in only as fast as tasks are verified: the service never holds more records
 * than {@code max-tasks-in-flight} (SmallRye alone would hand up to 1024 over at once, to wait on the verifier's
 * semaphore while they age towards the throttled commit strategy's limit).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
class BoundedInFlightTest {

    private static final int BACKLOG = 12;

    @ConfigProperty(name = "synthsmith.verifier.max-tasks-in-flight")
    int maxTasksInFlight;

    @Test
    void aBacklogIsTakenInNoFasterThanTasksAreVerified() {
        TopicNames topics = EmbeddedInfrastructureResource.infrastructure().topicNames();
        TopicProbe probe = new TopicProbe(EmbeddedInfrastructureResource.infrastructure().kafka().bootstrapServers());
        MessageCodec codec = new MessageCodec();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < BACKLOG; i++) {
            Solved solved = SolvedTasks.sum("task-backlog-" + i + "-" + tag, List.of(sample("1 2\n", "3\n")),
                    List.of("7 8\n", "20 22\n", "5 5\n"), false, python(SolvedTasks.CORRECT),
                    python(SolvedTasks.CORRECT_TOO), python(SolvedTasks.CORRECT));
            ids.add(solved.id());
            probe.produce(topics.of(Topic.SOLVED), solved.id(), codec.encode(solved));
        }

        probe.await(topics.of(Topic.VERIFIED), record -> ids.contains(record.key()), BACKLOG, Duration.ofMinutes(4));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher peak = Pattern.compile("^synthsmith_inbound_in_flight_peak\\{topic=\"" + Pattern.quote(
                topics.of(Topic.SOLVED)) + "\"\\} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertThat(peak.find()).as("the in-flight peak of %s in /q/metrics", topics.of(Topic.SOLVED)).isTrue();
        assertThat(Double.parseDouble(peak.group(1))).isBetween(1.0, (double) maxTasksInFlight);
    }
}
