package io.synthsmith.solver.solving;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synthsmith.llm.settings.LlmEndpointSettings;
import io.synthsmith.messages.Candidate;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Solved;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.scriptedllm.RecordedRequest;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import io.synthsmith.scriptedllm.ScriptedLlmServer;
import io.synthsmith.scriptedllm.ScriptedResponse;
import io.synthsmith.solver.candidates.CandidateScreen;
import io.synthsmith.solver.candidates.PythonSyntax;
import io.synthsmith.solver.llm.ModelClients;
import io.synthsmith.solver.scripted.SolverScript;
import io.synthsmith.solver.scripted.TaskFixtures;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The solver's logic against a scripted OpenAI-compatible server (scripted replies, not a model) over real HTTP. */
class TaskSolverTest {

    private static final String CPP_ANSWER = "```cpp\n#include <cstdio>\nint main() { return 0; }\n```";
    private static final String UNUSABLE = "Unusable Sources";
    private static final String RETRIED = "Retried Sources";
    private static final String VALIDATOR_DOWN = "Validator Down";
    private static final String NO_BRUTE_FORCE = "No Brute Force";

    private static Vertx vertx;
    private static ScriptedLlmServer server;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MessageCodec codec = new MessageCodec();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = ScriptedLlmServer.start(Script.of(
                ScriptRule.forStage("solver", ScriptedResponse.completion("none here"))
                        .whenLastUserMessageMatches("for: " + UNUSABLE),
                // First replies as models write them when they go wrong, then usable ones.
                ScriptRule.forStage("solver", ScriptedResponse.completion("Here are ten inputs covering the edge "
                                + "cases:\n\n1. `3 1 3` ...\n2. `4 2 2` ..."),
                        ScriptedResponse.completion(SolverScript.DIRECT_INPUTS))
                        .whenLastUserMessageMatches("^# Direct test inputs for: " + RETRIED),
                ScriptRule.forStage("solver", ScriptedResponse.completion("```python\nimport sys\n"
                                + "n = int(sys.argv[1]\nprint(n)\n```"),
                        ScriptedResponse.completion(SolverScript.GENERATOR))
                        .whenLastUserMessageMatches("^# Input generator for: " + RETRIED),
                ScriptRule.forStage("solver", ScriptedResponse.completion("```text\n3 1 3\n```"),
                        ScriptedResponse.completion(SolverScript.VALIDATOR))
                        .whenLastUserMessageMatches("^# Input validator for: " + RETRIED),
                ScriptRule.forStage("solver", ScriptedResponse.httpError(400, "scripted: validator model unavailable"))
                        .whenLastUserMessageMatches("^# Input validator for: " + VALIDATOR_DOWN),
                ScriptRule.forStage("solver", ScriptedResponse.httpError(400, "scripted: no brute force today"))
                        .whenLastUserMessageMatches("^# Brute force for: " + NO_BRUTE_FORCE),
                ScriptRule.forStage("solver", ScriptedResponse.completion(CPP_ANSWER)
                                .withReasoning(SolverScript.LONG_REASONING).withUsage(100, 4000, 3000))
                        .whenLastUserMessageMatches("```cpp"),
                ScriptRule.forStage("solver", ScriptedResponse.completion(SolverScript.DIRECT_INPUTS))
                        .whenLastUserMessageMatches("^# Direct test inputs for: "),
                ScriptRule.forStage("solver", ScriptedResponse.completion(SolverScript.GENERATOR))
                        .whenLastUserMessageMatches("^# Input generator for: "),
                ScriptRule.forStage("solver", ScriptedResponse.completion(SolverScript.VALIDATOR))
                        .whenLastUserMessageMatches("^# Input validator for: "),
                ScriptRule.forStage("solver", ScriptedResponse.completion(SolverScript.BRUTE_FORCE))
                        .whenLastUserMessageMatches("^# Brute force for: "),
                ScriptRule.forStage("solver", SolverScript.good()).whenLastUserMessageMatches("^# Task: ")));
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private TaskSolver solver(ModelClients clients, int maxSolvedBytes) {
        PythonSyntax syntax = PythonSyntax.using("/usr/bin/python3");
        return new TaskSolver(clients, new CandidateScreen(SolverScript.MIN_REASONING_CHARS, syntax),
                new SolverMetrics(registry), codec, clock, 5, maxSolvedBytes, syntax, 2);
    }

    private ModelClients clients() {
        return new ModelClients(vertx, LlmEndpointSettings.builder("solver", server.baseUrl(), SolverScript.MODEL)
                .build(), registry, 4);
    }

    @Test
    void aCppRunWithTwoModelsSplitsTheCandidatesAndEachSaysWhichModelWroteIt() throws Exception {
        Task task = TaskFixtures.decode(TaskFixtures.withRun(TaskFixtures.codeforces("Two Models"), 8, 3,
                List.of("model-a", "model-b"), "cpp"));
        try (ModelClients clients = clients()) {
            SolveOutcome outcome = solver(clients, 1 << 24).solve(task);

            assertThat(outcome).isInstanceOf(SolveOutcome.Solved.class);
            Solved solved = ((SolveOutcome.Solved) outcome).message();
            assertThat(solved.candidates()).hasSize(8).allSatisfy(c -> {
                assertThat(c.language()).isEqualTo(Language.CPP);
                assertThat(c.code()).contains("int main()");
                assertThat(c.usage()).isEqualTo(new Candidate.TokenUsage(25L, 1000L, 750L));
            });
            assertThat(solved.candidates()).extracting(Candidate::model).containsExactly("model-a", "model-a",
                    "model-a", "model-a", "model-b", "model-b", "model-b", "model-b");
            assertThat(solved.lineage().models()).extracting(m -> m.stage() + ":" + m.model())
                    .contains("solver:model-a", "solver:model-b");
            List<RecordedRequest> candidateCalls = server.chatRequests().stream()
                    .filter(r -> r.lastUserMessage().contains("# Task: Two Models")).toList();
            assertThat(candidateCalls).hasSize(2).allSatisfy(r -> assertThat(r.n()).hasValue(4));
            assertThat(candidateCalls).extracting(r -> r.json().path("model").asText())
                    .containsExactlyInAnyOrder("model-a", "model-b");
            assertThat(codec.validate(MessageType.SOLVED, codec.mapper().readTree(codec.encode(solved)))).isEmpty();
        }
    }

    @Test
    void solvingTheSameTaskTwiceGivesTheSameMessageWithTheSameIds() {
        Task task = TaskFixtures.decode(TaskFixtures.codeforces("Twice Solved"));
        try (ModelClients clients = clients()) {
            TaskSolver solver = solver(clients, 1 << 24);
            Solved first = ((SolveOutcome.Solved) solver.solve(task)).message();
            Solved second = ((SolveOutcome.Solved) solver.solve(task)).message();

            assertThat(first.id()).isEqualTo(task.id());
            assertThat(first.candidates()).extracting(Candidate::id).doesNotHaveDuplicates().hasSize(8);
            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void unusableTestSourceRepliesAreNamedAndTheTaskIsStillSolved() {
        Task task = TaskFixtures.decode(TaskFixtures.codeforces(UNUSABLE));
        try (ModelClients clients = clients()) {
            Solved solved = ((SolveOutcome.Solved) solver(clients, 1 << 24).solve(task)).message();

            assertThat(solved.candidates()).hasSize(8);
            assertThat(solved.testSources().samples()).isEqualTo(task.samples());
            assertThat(solved.testSources().directInputs()).isEmpty();
            assertThat(solved.testSources().generator()).isNull();
            assertThat(solved.testSources().validator()).isNull();
            assertThat(solved.testSources().bruteForce()).isNull();
            assertThat(solved.missingTestSources()).containsOnlyKeys("directInputs", "generator", "validator",
                    "bruteForce");
            assertThat(solved.missingTestSources().get("generator")).contains("no fenced code block");
            assertThat(server.chatRequests().stream().filter(r -> r.lastUserMessage()
                    .startsWith("# Input generator for: " + UNUSABLE))).hasSize(2);
            assertThat(registry.get("synthsmith.solver.test.sources.missing").tag("source", "generator").counter()
                    .count()).isEqualTo(1.0);
        }
    }

    @Test
    void unusableTestSourceRepliesAreAskedAgainWithWhyAndTheSecondRepliesAreUsed() {
        Task task = TaskFixtures.decode(TaskFixtures.codeforces(RETRIED));
        try (ModelClients clients = clients()) {
            Solved solved = ((SolveOutcome.Solved) solver(clients, 1 << 24).solve(task)).message();

            assertThat(solved.missingTestSources()).isEmpty();
            assertThat(solved.testSources().directInputs()).hasSize(2);
            assertThat(solved.testSources().generator().code()).startsWith("import random, sys\n")
                    .endsWith("print(1, n, 7)\n");
            assertThat(solved.testSources().validator()).isNotNull();
            List<RecordedRequest> generatorCalls = server.chatRequests().stream()
                    .filter(r -> r.lastUserMessage().startsWith("# Input generator for: " + RETRIED)).toList();
            assertThat(generatorCalls).hasSize(2);
            assertThat(generatorCalls.get(1).lastUserMessage()).contains("could not be used",
                    "does not compile", "line 2");
        }
    }

    @Test
    void aFailedTestSourceCallLeavesThatSourceOutWhenInputsRemain() {
        Task task = TaskFixtures.decode(TaskFixtures.codeforces(VALIDATOR_DOWN));
        try (ModelClients clients = clients()) {
            SolveOutcome outcome = solver(clients, 1 << 24).solve(task);

            assertThat(outcome).isInstanceOfSatisfying(SolveOutcome.Solved.class, solved -> {
                assertThat(solved.message().testSources().validator()).isNull();
                assertThat(solved.message().testSources().generator()).isNotNull();
                assertThat(solved.message().missingTestSources().get("validator")).contains("call failed");
            });
        }
    }

    @Test
    void theBruteForceTravelsInTheTestSourcesAndAFailedOneDoesNotStopTheTask() throws Exception {
        try (ModelClients clients = clients()) {
            Solved solved = ((SolveOutcome.Solved) solver(clients, 1 << 24)
                    .solve(TaskFixtures.decode(TaskFixtures.codeforces("With Brute Force")))).message();
            Solved.Program brute = solved.testSources().bruteForce();
            assertThat(brute.language()).isEqualTo(Language.PYTHON);
            assertThat(brute.model()).isEqualTo(SolverScript.MODEL);
            assertThat(brute.code()).startsWith("import sys").doesNotContain("```", "Apply every operation");
            assertThat(solved.missingTestSources()).isEmpty();
            assertThat(codec.mapper().readTree(codec.encode(solved)).path("testSources").path("bruteForce")
                    .path("code").asText()).contains("for j in range(l - 1, r)");

            Solved without = ((SolveOutcome.Solved) solver(clients, 1 << 24)
                    .solve(TaskFixtures.decode(TaskFixtures.codeforces(NO_BRUTE_FORCE)))).message();
            assertThat(without.candidates()).hasSize(8);
            assertThat(without.testSources().bruteForce()).isNull();
            assertThat(without.testSources().generator()).isNotNull();
            assertThat(without.missingTestSources()).containsOnlyKeys("bruteForce");
            assertThat(without.missingTestSources().get("bruteForce")).startsWith("the call failed");
        }
    }

    @Test
    void aSolvedMessageOverTheLimitIsRejectedAsOversizeNotCut() {
        Task task = TaskFixtures.decode(TaskFixtures.codeforces("Too Big"));
        try (ModelClients clients = clients()) {
            SolveOutcome outcome = solver(clients, 4000).solve(task);

            assertThat(outcome).isInstanceOfSatisfying(SolveOutcome.Rejection.class, r -> {
                assertThat(r.message().reason()).isEqualTo(Rejected.Reason.OVERSIZE);
                assertThat(r.message().detail()).contains("max-solved-bytes");
                assertThat(r.message().evidence()).containsEntry("limit", 4000);
            });
        }
    }

    @Test
    void metricsCountKeptCandidatesTokensAndLatencyPerCall() {
        Task task = TaskFixtures.decode(TaskFixtures.codeforces("Counted"));
        try (ModelClients clients = clients()) {
            solver(clients, 1 << 24).solve(task);

            assertThat(registry.get("synthsmith.solver.candidates").tag("outcome", "kept").counter().count())
                    .isEqualTo(8.0);
            assertThat(registry.get("synthsmith.solver.tasks.in").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("synthsmith.solver.task.tokens").summary().totalAmount()).isPositive();
            for (String call : List.of("candidates", "direct_inputs", "generator", "validator", "brute_force")) {
                assertThat(registry.get("synthsmith.solver.llm.latency").tag("call", call).tag("outcome", "success")
                        .timer().count()).isEqualTo(1);
            }
            assertThat(registry.get("synthsmith.solver.tasks.in.flight").gauge().value()).isZero();
        }
    }
}
