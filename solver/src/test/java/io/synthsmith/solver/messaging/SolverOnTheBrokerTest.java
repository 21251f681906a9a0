package io.synthsmith.solver.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synthsmith.embedded.kafka.TopicProbe;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.messages.Candidate;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Solved;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.scriptedllm.RecordedRequest;
import io.synthsmith.solver.scripted.ScriptedLlmResource;
import io.synthsmith.solver.scripted.SolverScript;
import io.synthsmith.solver.scripted.TaskFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The solver as a service: tasks in on the real broker, LLM calls to the scripted server (scripted replies, not a
 * model), solved and rejected messages out.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
@QuarkusTestResource(ScriptedLlmResource.class)
class SolverOnTheBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private final MessageCodec codec = new MessageCodec();
    private final TopicProbe probe = new TopicProbe(bootstrap());

    private static String bootstrap() {
        return EmbeddedInfrastructureResource.infrastructure().kafka().bootstrapServers();
    }

    private static String topic(Topic topic) {
        return EmbeddedInfrastructureResource.infrastructure().topicNames().of(topic);
    }

    private Task produce(ObjectNode task) {
        Task decoded = TaskFixtures.decode(task);
        probe.produce(topic(Topic.TASKS_UNIQUE), decoded.id(), TaskFixtures.bytes(task));
        return decoded;
    }

    private List<ConsumerRecord<String, byte[]>> await(Topic topic, String key, int count) {
        List<ConsumerRecord<String, byte[]>> records = probe.await(topic(topic), r -> key.equals(r.key())
                || (topic == Topic.REJECTED && new String(r.value()).contains("\"subjectId\":\"" + key + "\"")),
                count, WAIT);
        assertThat(records).as("%d record(s) for %s on %s", count, key, topic).hasSize(count);
        return records;
    }

    private Solved solved(String taskId) throws Exception {
        return codec.decode(MessageType.SOLVED, await(Topic.SOLVED, taskId, 1).get(0).value());
    }

    private Rejected rejected(String taskId) throws Exception {
        return codec.decode(MessageType.REJECTED, await(Topic.REJECTED, taskId, 1).get(0).value());
    }

    private static List<RecordedRequest> candidateCalls(String title) {
        return ScriptedLlmResource.server().chatRequests().stream()
                .filter(r -> r.lastUserMessage().startsWith("# Task: " + title)).toList();
    }

    @Test
    void tasksOfAllThreeStylesAreSolvedWithEightCandidatesAndEveryTestSource() throws Exception {
        Task codeforces = produce(TaskFixtures.codeforces("Harbour Lights"));
        Task atcoder = produce(TaskFixtures.atcoder("Terse Tiles"));
        Task leetcode = produce(TaskFixtures.leetcode());

        for (Task task : List.of(codeforces, atcoder, leetcode)) {
            Solved solved = solved(task.id());
            assertThat(solved.id()).isEqualTo(task.id());
            assertThat(solved.task()).isEqualTo(task);
            assertThat(solved.candidates()).hasSize(8).allSatisfy(c -> {
                assertThat(c.model()).isEqualTo(SolverScript.MODEL);
                assertThat(c.reasoning()).isEqualTo(SolverScript.LONG_REASONING);
                assertThat(c.finishReason()).isEqualTo("stop");
                assertThat(c.code()).isNotBlank();
                assertThat(c.usage().completionTokens()).isPositive();
            });
            assertThat(solved.dropped()).isEmpty();
            assertThat(solved.testSources().samples()).isEqualTo(task.samples());
            assertThat(solved.testSources().directInputs()).containsExactly("3 1 3\n1 3 5\n", "4 2 2\n1 1 9\n4 4 9\n");
            assertThat(solved.testSources().generator().code()).contains("sys.argv[2]");
            assertThat(solved.testSources().validator().code()).contains("sys.exit");
            assertThat(solved.testSources().bruteForce().code()).contains("lights[j] += v");
            assertThat(solved.missingTestSources()).isEmpty();
            assertThat(solved.lineage().trail().getLast().stage()).isEqualTo("solver");
            assertThat(solved.lineage().models()).extracting(m -> m.stage() + ":" + m.model())
                    .contains("solver:" + SolverScript.MODEL);
            assertThat(candidateCalls(task.title())).as("one request with n=8 for %s", task.title())
                    .singleElement().satisfies(r -> assertThat(r.n()).hasValue(8));
        }
        assertThat(solved(leetcode.id()).candidates()).allSatisfy(c -> assertThat(c.code())
                .contains("class Solution:", "def balancedSplits(self, nums"));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("synthsmith_solver_candidates_total{outcome=\"kept\",reason=\"none\"}"))
                .body(containsString("synthsmith_solver_tasks_out_total{outcome=\"solved\",reason=\"none\"}"))
                .body(containsString("synthsmith_solver_llm_latency_seconds_count{call=\"generator\""))
                .body(containsString("synthsmith_solver_task_tokens_count")));
    }

    @Test
    void partialFailuresDropWhatIsUnusableCountedByReasonAndKeepTheRest() throws Exception {
        List<String> models = List.of("model-a", "model-b", "model-c", "model-d", "model-e");
        Task task = produce(TaskFixtures.withRun(TaskFixtures.codeforces(SolverScript.PARTIAL), 10, 3, models,
                "python"));

        Solved solved = solved(task.id());

        assertThat(solved.candidates()).hasSize(6);
        assertThat(solved.candidates()).extracting(Candidate::model).allMatch(models::contains);
        assertThat(solved.dropped()).isEqualTo(Map.of("no_code_block", 2, "short_reasoning", 2));
        // Five requests (one per model, n=2 each), the retry of the one that got a 500, and the one retry of the two
        // truncated answers with twice the token budget (synthsmith.solver.truncated-retry-factor).
        List<RecordedRequest> calls = candidateCalls(SolverScript.PARTIAL);
        assertThat(calls).hasSize(7).allSatisfy(r -> assertThat(r.n()).hasValue(2));
        assertThat(calls).extracting(r -> r.json().path("max_tokens").asInt())
                .containsOnly(32768, 65536).filteredOn(tokens -> tokens == 65536).hasSize(1);
        assertThat(solved.testSources().generator()).isNotNull();
    }

    @Test
    void tooFewUsableCandidatesIsRejectedWithTheCounts() throws Exception {
        Task task = produce(TaskFixtures.codeforces(SolverScript.SILENT));

        Rejected rejected = rejected(task.id());

        assertThat(rejected.reason()).isEqualTo(Rejected.Reason.TOO_FEW_CANDIDATES);
        assertThat(rejected.stage()).isEqualTo("solver");
        assertThat(rejected.subjectSchema()).isEqualTo(Task.SCHEMA);
        assertThat(rejected.evidence()).containsEntry("usable", 0).containsEntry("required", 3)
                .containsEntry("dropped", Map.of("no_code_block", 8));
    }

    @Test
    void anEndpointThatKeepsFailingRejectsTheTaskAsLlmFailedWithTheTypedError() throws Exception {
        Task task = produce(TaskFixtures.codeforces(SolverScript.BROKEN));

        Rejected rejected = rejected(task.id());

        assertThat(rejected.reason()).isEqualTo(Rejected.Reason.LLM_FAILED);
        assertThat(rejected.detail()).contains("HTTP 500", "giving up");
        assertThat(rejected.evidence()).containsEntry("error", "GaveUp").containsEntry("status", 500)
                .containsEntry("attempts", 3).containsEntry("lastFailure", "server_error")
                .containsEntry("exhausted", "ATTEMPTS");
    }

    @Test
    void aRedeliveredTaskYieldsTheSameSolvedIdAndCandidateIds() throws Exception {
        ObjectNode task = TaskFixtures.codeforces("Second Delivery");
        Task first = produce(task);
        solved(first.id());
        produce(task);

        List<Solved> both = await(Topic.SOLVED, first.id(), 2).stream().map(r -> {
            try {
                return codec.<Solved>decode(MessageType.SOLVED, r.value());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();

        assertThat(both).extracting(Solved::id).containsOnly(first.id());
        assertThat(both.get(1).candidates()).extracting(Candidate::id)
                .isEqualTo(both.get(0).candidates().stream().map(Candidate::id).toList());
    }

    @Test
    void aSlowTaskDoesNotHoldItsPartitionAndItsOffsetIsCommittedOnlyOnceItsOutputIsWritten() throws Exception {
        Task slow = TaskFixtures.decode(TaskFixtures.codeforces(SolverScript.SLOW));
        Task fast = TaskFixtures.decode(TaskFixtures.codeforces("Fast Lane"));
        long slowOffset = produceToPartition(slow);
        long fastOffset = produceToPartition(fast);

        solved(fast.id());
        TopicPartition partition = new TopicPartition(topic(Topic.TASKS_UNIQUE), 0);
        assertThat(probe.await(topic(Topic.SOLVED), r -> slow.id().equals(r.key()), 1, Duration.ofSeconds(1)))
                .as("the slow task is still being solved when the one behind it is done").isEmpty();
        assertThat(committed(partition)).as("nothing past the slow task is committed yet")
                .isLessThanOrEqualTo(slowOffset);

        solved(slow.id());
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(committed(partition))
                .isGreaterThan(fastOffset));
    }

    private long produceToPartition(Task task) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            RecordMetadata written = producer.send(new ProducerRecord<>(topic(Topic.TASKS_UNIQUE), 0, task.id(),
                    codec.encode(task))).get(60, TimeUnit.SECONDS);
            return written.offset();
        }
    }

    private static long committed(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("synthsmith-solver")
                    .partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS).get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }
}
