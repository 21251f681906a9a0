package io.synthsmith.evolver.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.synthsmith.embedded.kafka.TopicProbe;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Style;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.ids.Ids;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messages.topics.TopicNames;
import io.synthsmith.messaging.deadletter.DeadLetterHeaders;
import io.synthsmith.scriptedllm.RecordedRequest;
import io.synthsmith.scriptedllm.ScriptedLlmServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The evolver on the real broker and Infinispan, its LLM played by the scripted server: seeds of both kinds in,
 * tasks of all three styles out with lineage back to the seeds, stable ids on redelivery, bad seeds to the DLQ or to
 * rejected, and the service still working afterwards.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
@QuarkusTestResource(ScriptedEvolverLlm.class)
class EvolverPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    ScriptedLlmServer llm;

    private final TopicNames topics = EmbeddedInfrastructureResource.infrastructure().topicNames();
    private final TopicProbe probe =
            new TopicProbe(EmbeddedInfrastructureResource.infrastructure().kafka().bootstrapServers());
    private final MessageCodec codec = new MessageCodec();

    @Test
    void seedsOfBothKindsBecomeTasksOfAllThreeStylesWithLineageAndStableIds() throws Exception {
        given().contentType(ContentType.JSON)
                .body("{\"tasksPerSeed\": 6, \"evolutionRounds\": 1, \"featureTreeScope\": \"run\", "
                        + "\"styles\": {\"codeforces\": 1, \"leetcode\": 1, \"atcoder\": 1}}")
                .put("/runs/it-main").then().statusCode(200);
        given().get("/runs").then().statusCode(200)
                .body("runs.runId", hasItem("it-main"))
                .body("runs.find { it.runId == 'it-main' }.tasksPerSeed", equalTo(6))
                .body("runs.find { it.runId == 'it-main' }.state", equalTo("configured"));
        given().get("/runs/it-never-configured").then().statusCode(404)
                .body("error", containsString("has no stored configuration"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", hasItems("/runs", "/runs/{runId}"));

        probe.produce(topics.of(Topic.SEEDS), "it-code-1", codeSeed("it-main", "it-code-1"));
        assertThat(tasksOf("it-main", 1)).isNotEmpty();
        probe.produce(topics.of(Topic.SEEDS), "it-doc-1", documentSeed("it-main", "it-doc-1"));
        List<Task> tasks = tasksOf("it-main", 12);

        assertThat(tasks).hasSize(12);
        assertThat(tasks.stream().map(Task::requestId).distinct()).hasSize(12);
        assertThat(tasks.stream().map(Task::style).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.allOf(Style.class));
        for (Task task : tasks) {
            assertThat(task.id()).isEqualTo(Ids.derive("task", task.requestId()));
            assertThat(task.lineage().seedIds()).containsAnyOf("it-code-1", "it-doc-1");
            assertThat(task.lineage().trail().get(0).stage()).isEqualTo("seed");
            assertThat(task.lineage().parentId()).isEqualTo(task.requestId());
            assertThat(task.lineage().featurePaths())
                    .containsExactly("data structures / queue", "complexity analysis / linear time");
            assertThat(task.features()).isEqualTo(task.lineage().featurePaths());
            assertThat(task.integrationStrategy()).contains("discovery order");
            assertThat(task.samples()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(task.runConfig().tasksPerSeed()).isEqualTo(6);
            // its share of the seed's extraction and evolution, and its own selection and statement calls
            assertThat(task.lineage().cost()).isNotNull();
            assertThat(task.lineage().cost().promptTokens()).isPositive();
            assertThat(task.lineage().cost().completionTokens()).isPositive();
            if (task.style() == Style.LEETCODE) {
                assertThat(task.signature().className()).isEqualTo("Solution");
                assertThat(task.signature().methodName()).isEqualTo("farthestTower");
                assertThat(task.signature().parameters()).extracting(Task.Signature.Parameter::name)
                        .containsExactly("n", "edges");
                assertThat(task.samples().get(0).input()).isEqualTo("n = 3, edges = [[1,2],[2,3]]");
            } else {
                assertThat(task.signature()).isNull();
                assertThat(task.samples().get(0).input()).isEqualTo("3 2\n1 2\n2 3\n");
            }
        }
        // The document seed's tasks combine features its code sibling brought: lineage names both seeds, and the
        // SynthLLM level (3, the cross-document walk, as configured here); a code seed's tasks carry none.
        assertThat(tasks.stream().filter(t -> t.lineage().seedIds().get(0).equals("it-doc-1")))
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t.lineage().seedIds()).contains("it-code-1"))
                .allSatisfy(t -> assertThat(t.lineage().synthLlmLevel()).isEqualTo(3));
        assertThat(tasks.stream().filter(t -> t.lineage().seedIds().get(0).equals("it-code-1")))
                .isNotEmpty().allSatisfy(t -> assertThat(t.lineage().synthLlmLevel()).isNull());
        // Stage 1's use notes reached the statements, and the run's diversity is in its summary.
        assertThat(llm.chatRequests()).map(RecordedRequest::lastUserMessage)
                .anySatisfy(m -> assertThat(m).startsWith("Task: write statement")
                        .contains("- data structures / queue (use: process towers in order of discovery)"));
        given().get("/runs").then().statusCode(200)
                .body("runs.find { it.runId == 'it-main' }.diversity.tasks", equalTo(12))
                .body("runs.find { it.runId == 'it-main' }.diversity.distinctCombinations", equalTo(1));
        // The untyped LeetCode signature was sent back with its error, and the retry succeeded.
        assertThat(llm.chatRequests()).map(RecordedRequest::lastUserMessage)
                .anySatisfy(m -> assertThat(m).contains("Your previous reply could not be used")
                        .contains("parameter n has no type hint").contains("style leetcode"));

        JsonPath features = given().get("/features?runId=it-main").then().statusCode(200).extract().jsonPath();
        Map<String, Integer> frequencies = features.getList("topFeatures", Map.class).stream()
                .collect(Collectors.toMap(m -> (String) m.get("path"), m -> (Integer) m.get("frequency")));
        assertThat(features.getInt("size")).isGreaterThanOrEqualTo(14);
        assertThat(features.getInt("depth")).isEqualTo(4);
        assertThat(features.getInt("edges")).isEqualTo(3);
        assertThat(features.getString("treeId")).as("the run asked for its own tree").isEqualTo("run-it-main");
        assertThat(given().get("/features?runId=it-never-configured").then().statusCode(200).extract().jsonPath()
                .getString("treeId")).as("one global tree by default").isEqualTo("global");
        assertThat(features.getList("tree.name", String.class)).contains("algorithms", "data structures");
        String tree = features.prettify();
        assertThat(tree).contains("algorithms / graph / breadth-first search", "data structures / prefix sums / difference array",
                "algorithms / graph / bidirectional search", "algorithms / graph / breadth-first search / multi-source bfs")
                .doesNotContain("list comprehension", "python", "quick sort");

        // Redelivery: the same seed again yields the same requests, which are answered already: no LLM call, no
        // second copy of a task; and the seed is not merged twice.
        int callsBefore = llm.chatRequests().size();
        probe.produce(topics.of(Topic.SEEDS), "it-code-1", codeSeed("it-main", "it-code-1"));
        awaitRedeliveredRequests(6);
        assertThat(probe.await(topics.of(Topic.TASKS), r -> new String(r.value(), StandardCharsets.UTF_8)
                .contains("\"runId\":\"it-main\""), 13, Duration.ofSeconds(5))).hasSize(12);
        assertThat(llm.chatRequests()).hasSize(callsBefore);
        JsonPath after = given().get("/features?runId=it-main&top=100").then().statusCode(200).extract().jsonPath();
        assertThat(after.getList("topFeatures", Map.class)).anySatisfy(m -> {
            assertThat(m.get("path")).isEqualTo("data structures / queue");
            assertThat(m.get("frequency")).isEqualTo(frequencies.getOrDefault("data structures / queue", 1));
        });

        // More tasks from the current tree, on demand; the same batch asks for the same tasks.
        List<String> taskIds = given().contentType(ContentType.JSON).body("{\"count\": 2, \"batch\": \"more-1\"}")
                .post("/runs/it-main/generate").then().statusCode(202).extract().jsonPath().getList("taskIds");
        assertThat(taskIds).hasSize(2);
        assertThat(given().contentType(ContentType.JSON).body("{\"count\": 2, \"batch\": \"more-1\"}")
                .post("/runs/it-main/generate").then().statusCode(202).extract().jsonPath().getList("taskIds"))
                .isEqualTo(taskIds);
        assertThat(tasksOf("it-main", 14).stream().map(Task::id)).containsAll(taskIds);
        awaitRedeliveredRequests(8);
    }

    /** Waits until the evolver has counted {@code count} generation requests delivered again after their answer. */
    private static void awaitRedeliveredRequests(int count) {
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            Matcher sample = Pattern.compile("^synthsmith_task_evolver_requests_redelivered_total(?:\\{[^}]*\\})? (\\S+)",
                    Pattern.MULTILINE).matcher(metrics);
            assertThat(sample.find()).as("synthsmith_task_evolver_requests_redelivered_total in /q/metrics").isTrue();
            assertThat(Double.parseDouble(sample.group(1))).isEqualTo(count);
        });
    }

    @Test
    void badSeedsGoToTheDeadLetterTopicOrToRejectedWithAReasonAndTheServiceKeepsWorking() throws Exception {
        Map<String, byte[]> broken = new LinkedHashMap<>();
        broken.put("not-json", utf8("seed: print(1)"));
        broken.put("wrong-schema", Files.readAllBytes(Path.of("../examples/messages/task-leetcode.json")));
        broken.put("empty-code", utf8("{\"schema\":\"synthsmith.seed/v1\",\"runId\":\"it-bad\",\"id\":\"empty\","
                + "\"content\":{\"kind\":\"code\",\"language\":\"python\",\"snippet\":\"\"}}"));
        broken.put("ten-megabytes", utf8("{\"schema\":\"synthsmith.seed/v1\",\"runId\":\"it-bad\",\"id\":\"huge\","
                + "\"content\":{\"kind\":\"document\",\"title\":\"Huge\",\"text\":\"" + "a".repeat(10 * 1024 * 1024)
                + "\"}}"));

        Map<String, ConsumerRecord<String, byte[]>> dead = probe.deadLettersOf(topics.of(Topic.SEEDS), broken, 4, WAIT);

        assertThat(dead).containsOnlyKeys("not-json", "wrong-schema", "empty-code", "ten-megabytes");
        assertThat(TopicProbe.header(dead.get("not-json"), DeadLetterHeaders.ERROR_KIND)).isEqualTo("NOT_JSON");
        assertThat(TopicProbe.header(dead.get("wrong-schema"), DeadLetterHeaders.ERROR_KIND)).isEqualTo("WRONG_SCHEMA");
        assertThat(TopicProbe.header(dead.get("empty-code"), DeadLetterHeaders.ERROR)).contains("snippet");
        assertThat(TopicProbe.header(dead.get("ten-megabytes"), DeadLetterHeaders.ERROR)).contains("text");

        probe.produce(topics.of(Topic.SEEDS), "it-oversize", utf8("{\"schema\":\"synthsmith.seed/v1\",\"runId\":"
                + "\"it-bad\",\"id\":\"it-oversize\",\"content\":{\"kind\":\"code\",\"language\":\"python\","
                + "\"snippet\":\"" + "x = 1\\n".repeat(10_000) + "\"}}"));
        probe.produce(topics.of(Topic.SEEDS), "it-language", codeSeed("it-language", "it-language"));
        Map<String, Rejected> rejected = rejectionsOf(Set.of("it-oversize", "it-language"));
        assertThat(rejected.get("it-oversize").reason()).isEqualTo(Rejected.Reason.OVERSIZE);
        assertThat(rejected.get("it-oversize").detail()).contains("60000 characters", "max-chars");
        assertThat(rejected.get("it-language").reason()).isEqualTo(Rejected.Reason.INVALID_SEED);
        assertThat(rejected.get("it-language").detail()).contains("no competitive-programming feature",
                "language_feature");

        probe.produce(topics.of(Topic.SEEDS), "it-after", codeSeed("it-after", "it-after"));
        assertThat(tasksOf("it-after", 4)).hasSize(4);
    }

    @Test
    void aReplyThatNeverParsesIsRetriedWithTheErrorThenRejectedWithTheReason() throws Exception {
        given().contentType(ContentType.JSON).body("{\"tasksPerSeed\": 1, \"evolutionRounds\": 0}")
                .put("/runs/it-unparsable").then().statusCode(200);
        probe.produce(topics.of(Topic.SEEDS), "it-unparsable", codeSeed("it-unparsable", "it-unparsable"));

        List<ConsumerRecord<String, byte[]>> records = probe.await(topics.of(Topic.REJECTED),
                r -> new String(r.value(), StandardCharsets.UTF_8).contains("\"runId\":\"it-unparsable\""), 1, WAIT);

        assertThat(records).hasSize(1);
        Rejected rejection = codec.decode(MessageType.REJECTED, records.get(0).value());
        assertThat(rejection.reason()).isEqualTo(Rejected.Reason.UNPARSABLE_REPLY);
        assertThat(rejection.subjectSchema()).isEqualTo("synthsmith.generation.request/v1");
        assertThat(rejection.detail()).contains("selection reply could not be used after 3 attempts");
        assertThat(rejection.evidence()).containsEntry("step", "selection").containsEntry("attempts", 3);
        assertThat(rejection.lineage().seedIds()).containsExactly("it-unparsable");
        assertThat(llm.chatRequests()).map(RecordedRequest::lastUserMessage)
                .filteredOn(m -> m.contains("Task: select features (run it-unparsable)")
                        && m.contains("Your previous reply could not be used"))
                .hasSize(2);
    }

    private List<Task> tasksOf(String runId, int count) {
        return probe.await(topics.of(Topic.TASKS),
                        r -> new String(r.value(), StandardCharsets.UTF_8).contains("\"runId\":\"" + runId + "\""),
                        count, WAIT).stream()
                .map(r -> {
                    try {
                        return (Task) codec.decode(MessageType.TASK, r.value());
                    } catch (Exception e) {
                        throw new AssertionError("a task that breaks its schema: " + e.getMessage(), e);
                    }
                }).toList();
    }

    private Map<String, Rejected> rejectionsOf(Set<String> subjects) {
        Map<String, Rejected> found = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : probe.await(topics.of(Topic.REJECTED), r -> subjects.stream()
                .anyMatch(s -> new String(r.value(), StandardCharsets.UTF_8).contains("\"subjectId\":\"" + s + "\"")),
                subjects.size(), WAIT)) {
            try {
                Rejected rejected = codec.decode(MessageType.REJECTED, record.value());
                found.put(rejected.subjectId(), rejected);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        assertThat(found).containsOnlyKeys(subjects);
        return found;
    }

    private static byte[] codeSeed(String runId, String id) {
        return utf8("""
                {"schema":"synthsmith.seed/v1","runId":"%s","id":"%s","content":{"kind":"code","language":"python",
                 "snippet":"from collections import deque\\nq = deque([1])\\nwhile q:\\n    u = q.popleft()\\n",
                 "problem":"Find the time at which the last tower lights up."}}""".formatted(runId, id));
    }

    private static byte[] documentSeed(String runId, String id) {
        return utf8("""
                {"schema":"synthsmith.seed/v1","runId":"%s","id":"%s","content":{"kind":"document",
                 "title":"Difference arrays and range updates",
                 "text":"A difference array d of an array a stores d[i] = a[i] - a[i-1]. Fenwick trees answer prefix sums."}}"""
                .formatted(runId, id));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
