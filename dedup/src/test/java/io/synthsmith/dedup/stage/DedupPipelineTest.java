package io.synthsmith.dedup.stage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synthsmith.dedup.TaskTexts;
import io.synthsmith.dedup.contamination.BenchmarkIndex;
import io.synthsmith.dedup.decision.Deduplicator;
import io.synthsmith.dedup.decision.Verdict;
import io.synthsmith.dedup.index.IndexCache;
import io.synthsmith.dedup.index.SharedIndex;
import io.synthsmith.dedup.minhash.Fingerprinter;
import io.synthsmith.dedup.minhash.MinHashScheme;
import io.synthsmith.embedded.EmbeddedInfrastructure;
import io.synthsmith.embedded.kafka.TopicProbe;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.messages.Accepted;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Rejections;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.topics.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.junit.jupiter.api.Test;

/**
 * The service on the real broker and Infinispan: verified tasks in, accepted and rejected out with reasons,
 * a near-copy of a task that another replica indexed, a redelivery, contamination, and the run's stats.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
class DedupPipelineTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final EmbeddedInfrastructure infrastructure = EmbeddedInfrastructureResource.infrastructure();
    private final TopicProbe probe = new TopicProbe(infrastructure.kafka().bootstrapServers());
    private final MessageCodec codec = new MessageCodec();

    @Test
    void uniqueTasksAreAcceptedAndCopiesNearCopiesAndBenchmarkProblemsRejectedWithTheirReasons() throws Exception {
        String run = "it-" + UUID.randomUUID().toString().substring(0, 8);
        String otherReplicaTask = "task-" + run + "-other-replica";
        String crossReplicaCopy = TaskTexts.sameTopic().replace("Answer every question.", "Answer each question.");
        Verdict indexedElsewhere = otherReplica().decide(run, otherReplicaTask, TaskTexts.sameTopic()).verdict();
        assertThat(indexedElsewhere).isInstanceOf(Verdict.Unique.class);

        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("original", TaskTexts.original());
        statements.put("exact", TaskTexts.original());
        statements.put("renamed", TaskTexts.renamedVariables());
        statements.put("near", TaskTexts.original().replace("performs m operations", "carries out m operations"));
        statements.put("story", TaskTexts.newStory());
        statements.put("cross-replica", crossReplicaCopy);
        statements.put("leak", "Towers again. A jump from tower i to tower j is allowed when every tower strictly"
                + " between them is lower than both. Count the towers that can see the sea.");
        // The original must be decided first: records with other keys land on other partitions, which the stage
        // processes concurrently, and whichever copy comes first is the one kept.
        produce(run, id(run, "original"), statements.remove("original"));
        assertThat(probe.await(infrastructure.topicNames().of(Topic.ACCEPTED),
                r -> id(run, "original").equals(r.key()), 1, TIMEOUT)).hasSize(1);
        for (Map.Entry<String, String> task : statements.entrySet()) {
            produce(run, id(run, task.getKey()), task.getValue());
        }
        produce(run, id(run, "original"), TaskTexts.original());

        List<ConsumerRecord<String, byte[]>> accepted = probe.await(infrastructure.topicNames().of(Topic.ACCEPTED),
                r -> r.key() != null && r.key().startsWith("task-" + run), 3, TIMEOUT);
        Map<String, Rejected> rejected = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : probe.await(infrastructure.topicNames().of(Topic.REJECTED),
                r -> new String(r.value()).contains("task-" + run), 5, TIMEOUT)) {
            Rejected rejection = codec.decode(MessageType.REJECTED, record.value());
            rejected.put(rejection.subjectId(), rejection);
        }

        assertThat(accepted).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(id(run, "original"), id(run, "original"), id(run, "story"));
        Accepted first = codec.decode(MessageType.ACCEPTED, accepted.get(0).value());
        assertThat(first.dedup().scope()).isEqualTo(Accepted.Scope.RUN);
        assertThat(first.dedup().statementHash()).hasSize(64);
        assertThat(first.lineage().trail()).last().satisfies(mark -> assertThat(mark.stage()).isEqualTo("dedup"));

        assertThat(rejected).containsOnlyKeys(id(run, "exact"), id(run, "renamed"), id(run, "near"),
                id(run, "cross-replica"), id(run, "leak"));
        assertReason(rejected.get(id(run, "exact")), Rejected.Reason.DUPLICATE, "duplicateOf", id(run, "original"));
        assertReason(rejected.get(id(run, "renamed")), Rejected.Reason.DUPLICATE, "duplicateOf", id(run, "original"));
        assertReason(rejected.get(id(run, "near")), Rejected.Reason.NEAR_DUPLICATE, "duplicateOf",
                id(run, "original"));
        assertThat((Double) rejected.get(id(run, "near")).evidence().get("similarity")).isBetween(0.75, 1.0);
        assertReason(rejected.get(id(run, "cross-replica")), Rejected.Reason.NEAR_DUPLICATE, "duplicateOf",
                otherReplicaTask);
        assertReason(rejected.get(id(run, "leak")), Rejected.Reason.CONTAMINATED, "benchmarkId", "own-002");
        assertThat(rejected.get(id(run, "leak")).evidence()).containsEntry("benchmark", "benchmark");
        assertThat(rejected.get(id(run, "near")).detail()).contains("near-copy of " + id(run, "original"));

        // The redelivered original is counted once; the other replica's own task is not counted by this one.
        Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> given().queryParam("runId", run).get("/stats").then()
                .statusCode(200)
                .body("seen", equalTo(7))
                .body("unique", equalTo(2))
                .body("duplicates", equalTo(2))
                .body("nearDuplicates", equalTo(2))
                .body("contaminated", equalTo(1))
                .body("indexSize", equalTo(2))
                .body("scope", equalTo("run")));
        given().get("/stats").then().statusCode(400);
    }

    @Test
    void beforeSolvingCopiesAreRejectedUniqueTasksForwardedAndARejectionReleasesItsTask() throws Exception {
        String run = "pre-" + UUID.randomUUID().toString().substring(0, 8);
        String unique = infrastructure.topicNames().of(Topic.TASKS_UNIQUE);
        produceTask(run, id(run, "original"), TaskTexts.original());
        assertThat(probe.await(unique, r -> id(run, "original").equals(r.key()), 1, TIMEOUT)).hasSize(1);
        produceTask(run, id(run, "copy"), TaskTexts.renamedVariables());
        produceTask(run, id(run, "original"), TaskTexts.original());

        Rejected copy = codec.decode(MessageType.REJECTED, probe.await(infrastructure.topicNames().of(Topic.REJECTED),
                r -> new String(r.value()).contains(id(run, "copy")), 1, TIMEOUT).get(0).value());
        assertReason(copy, Rejected.Reason.DUPLICATE, "duplicateOf", id(run, "original"));
        assertThat(copy.evidence()).containsEntry("placement", "pre-solve");
        assertThat(probe.await(unique, r -> id(run, "original").equals(r.key()), 2, TIMEOUT))
                .as("the redelivered original is forwarded again, not rejected as a copy of itself").hasSize(2);

        // The solver gives up on the original: its claims are released, and a later copy is forwarded.
        Task original = codec.decode(MessageType.TASK,
                probe.await(unique, r -> id(run, "original").equals(r.key()), 1, TIMEOUT).get(0).value());
        probe.produce(infrastructure.topicNames().of(Topic.REJECTED), original.id(), codec.encode(Rejections.of(
                "solver", Rejected.Reason.LLM_FAILED, "every request failed", original, Map.of(), Instant.now())));
        Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> given().queryParam("runId", run).get("/stats").then()
                .statusCode(200).body("preSolve.released", equalTo(1)));
        produceTask(run, id(run, "later"), TaskTexts.original());
        Task later = codec.decode(MessageType.TASK,
                probe.await(unique, r -> id(run, "later").equals(r.key()), 1, TIMEOUT).get(0).value());
        assertThat(later.statement()).isEqualTo(TaskTexts.original());
        assertThat(later.lineage().trail()).last().satisfies(mark -> assertThat(mark.stage()).isEqualTo("dedup"));

        Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> given().queryParam("runId", run).get("/stats").then()
                .statusCode(200)
                .body("preSolve.checked", equalTo(3))
                .body("preSolve.forwarded", equalTo(2))
                .body("preSolve.duplicates", equalTo(1))
                .body("preSolve.released", equalTo(1))
                .body("preSolve.solverCallsSaved", equalTo(8))
                .body("seen", equalTo(0)));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("synthsmith_dedup_pre_solve_solver_calls_saved_total"))
                .body(containsString("synthsmith_dedup_pre_solve_verdicts_total{outcome=\"duplicate\"}"));
    }

    private void produceTask(String run, String id, String statement) throws Exception {
        ObjectNode task = (ObjectNode) codec.mapper().readTree(
                Files.readAllBytes(Path.of("../examples/messages/task-codeforces.json")));
        task.put("runId", run).put("id", id).put("statement", statement);
        task.remove("run");
        probe.produce(infrastructure.topicNames().of(Topic.TASKS), id, codec.mapper().writeValueAsBytes(task));
    }

    private void produce(String run, String id, String statement) throws Exception {
        ObjectNode verified = (ObjectNode) codec.mapper().readTree(
                Files.readAllBytes(Path.of("../examples/messages/verified.json")));
        verified.put("runId", run).put("id", id);
        ObjectNode task = (ObjectNode) verified.get("task");
        task.put("runId", run).put("id", id).put("statement", statement);
        task.remove("run");
        probe.produce(infrastructure.topicNames().of(Topic.VERIFIED), id, codec.mapper().writeValueAsBytes(verified));
    }

    private Deduplicator otherReplica() {
        RemoteCacheManager client = new RemoteCacheManager(new ConfigurationBuilder()
                .addServers(infrastructure.infinispan().hotRodHosts()).build());
        MinHashScheme scheme = MinHashScheme.defaults();
        Fingerprinter fingerprinter = new Fingerprinter(scheme);
        return new Deduplicator(fingerprinter, new SharedIndex(IndexCache.open(client, IndexCache.DEFAULT_NAME,
                IndexCache.DEFAULT_CONFIGURATION), scheme, 0.75, 64),
                new BenchmarkIndex(List.of(), fingerprinter, 13, 0.7), Accepted.Scope.RUN, Duration.ofMinutes(1));
    }

    private static void assertReason(Rejected rejection, Rejected.Reason reason, String evidence, String value) {
        assertThat(rejection.reason()).isEqualTo(reason);
        assertThat(rejection.stage()).isEqualTo("dedup");
        assertThat(rejection.evidence()).containsEntry(evidence, value);
    }

    private static String id(String run, String name) {
        return "task-" + run + "-" + name;
    }
}
