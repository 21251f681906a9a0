package io.synthsmith.solver.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synthsmith.llm.settings.LlmEndpointSettings;
import io.synthsmith.messages.Candidate;
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
import io.synthsmith.solver.solving.SolveOutcome;
import io.synthsmith.solver.solving.SolverMetrics;
import io.synthsmith.solver.solving.TaskSolver;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run's probe asked beside the candidates, against a scripted OpenAI-compatible server (scripted replies, not a
 * model) over real HTTP: its attempts and their cost land in the solved message, and a probe that fails or cannot be
 * reached is recorded without losing the task.
 */
class ProbeAttemptsTest {

    private static final String PROBE_ANSWER = "Read the values and print the first.\n\n```python\nimport sys\n"
            + "print(sys.stdin.read().split()[0])\n```\n";

    private static Vertx vertx;
    private static ScriptedLlmServer server;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MessageCodec codec = new MessageCodec();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        List<ScriptRule> rules = new ArrayList<>(List.of(
                ScriptRule.forStage(ProbeClients.STAGE, ScriptedResponse.completion(PROBE_ANSWER)
                        .withUsage(80, 120, null)).forModel("probe-solves"),
                ScriptRule.forStage(ProbeClients.STAGE, ScriptedResponse.completion("I think the answer is to sort."))
                        .forModel("probe-writes-no-code"),
                ScriptRule.forStage(ProbeClients.STAGE, ScriptedResponse.httpError(400, "scripted: no such model"))
                        .forModel("probe-down"),
                ScriptRule.forStage("solver", SolverScript.good().withUsage(100, 400, null))
                        .whenLastUserMessageMatches("^# Task: ")));
        rules.addAll(SolverScript.testSources());
        server = ScriptedLlmServer.start(Script.of(rules.toArray(ScriptRule[]::new)));
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void theProbeGetsTheCandidatesPromptKTimesAndItsProgramsAndTokensLandInTheSolvedMessage() throws Exception {
        Task task = task("Probe Solves", probe("probe-solves", 3, null));

        Solved solved = solve(task, Map.of());

        assertThat(solved.probe().model()).isEqualTo("probe-solves");
        assertThat(solved.probe().attempts()).hasSize(3).allSatisfy(attempt -> {
            assertThat(attempt.code()).contains("print(sys.stdin.read().split()[0])");
            assertThat(attempt.finishReason()).isEqualTo("stop");
            assertThat(attempt.error()).isNull();
            assertThat(attempt.usage().completionTokens()).isEqualTo(40L);
        });
        List<RecordedRequest> probeCalls = callsOf(ProbeClients.STAGE, "Probe Solves");
        List<RecordedRequest> candidateCalls = callsOf("solver", "Probe Solves");
        assertThat(probeCalls).hasSize(1);
        assertThat(probeCalls.get(0).n()).hasValue(3);
        assertThat(probeCalls.get(0).lastUserMessage()).isEqualTo(candidateCalls.get(0).lastUserMessage())
                .startsWith("# Task: Probe Solves");
        assertThat(probeCalls.get(0).json().path("model").asText()).isEqualTo("probe-solves");
        // The candidates' tokens travel with each candidate; the probe's 80 + 120 go into the lineage's cost.
        assertThat(solved.lineage().cost().promptTokens()).isEqualTo(78);
        assertThat(solved.lineage().cost().completionTokens()).isEqualTo(120);
        assertThat(solved.candidates()).isNotEmpty().extracting(Candidate::model).doesNotContain("probe-solves");
        byte[] wire = codec.encode(solved);
        assertThat(((Solved) codec.decode(MessageType.SOLVED, wire)).probe()).isEqualTo(solved.probe());
    }

    @Test
    void aReplyWithoutProgramIsAnAttemptWithoutCodeAndSaysWhy() throws Exception {
        Solved solved = solve(task("Probe Writes Prose", probe("probe-writes-no-code", 2, null)), Map.of());

        assertThat(solved.probe().attempts()).hasSize(2).allSatisfy(attempt -> {
            assertThat(attempt.code()).isNull();
            assertThat(attempt.finishReason()).isEqualTo("stop");
            assertThat(attempt.error()).startsWith("no_code_block");
        });
    }

    @Test
    void aFailedProbeCallIsRecordedAndTheTaskIsStillSolved() throws Exception {
        Solved solved = solve(task("Probe Down", probe("probe-down", 4, null)), Map.of());

        assertThat(solved.candidates()).isNotEmpty();
        assertThat(solved.probe().attempts()).hasSize(4).allSatisfy(attempt -> {
            assertThat(attempt.code()).isNull();
            assertThat(attempt.finishReason()).isEqualTo(Solved.ProbeAttempt.CALL_FAILED);
            assertThat(attempt.error()).contains("400");
        });
    }

    @Test
    void aProbeKeyVariableThatIsNotSetIsRecordedAsTheProbesErrorAndTheKeyIsSentWhenItIs() throws Exception {
        Solved missing = solve(task("Probe Without Key", probe("probe-solves", 2, "PROBE_KEY")), Map.of());
        assertThat(missing.candidates()).isNotEmpty();
        assertThat(missing.probe().attempts()).hasSize(2).allSatisfy(attempt -> {
            assertThat(attempt.finishReason()).isEqualTo(Solved.ProbeAttempt.CALL_FAILED);
            assertThat(attempt.error()).contains("PROBE_KEY").contains("not set");
        });

        Solved keyed = solve(task("Probe With Key", probe("probe-solves", 2, "PROBE_KEY")),
                Map.of("PROBE_KEY", "sk-probe-test"));
        assertThat(keyed.probe().attempts()).hasSize(2).allSatisfy(a -> assertThat(a.code()).isNotNull());
        assertThat(callsOf(ProbeClients.STAGE, "Probe With Key").get(0).header("Authorization"))
                .hasValue("Bearer sk-probe-test");
    }

    private Solved solve(Task task, Map<String, String> environment) throws Exception {
        PythonSyntax syntax = PythonSyntax.using("/usr/bin/python3");
        CandidateScreen screen = new CandidateScreen(0, syntax);
        LlmEndpointSettings settings = LlmEndpointSettings.builder("solver", server.baseUrl(), SolverScript.MODEL)
                .build();
        try (ModelClients clients = new ModelClients(vertx, settings, registry, 4);
                ProbeClients probes = new ProbeClients(vertx, settings, registry, environment::get, 4)) {
            TaskSolver solver = new TaskSolver(clients, screen, new SolverMetrics(registry), codec,
                    Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC), 5, 1 << 24, syntax, 2)
                    .withProbe(new ProbeAttempts(probes, screen));
            SolveOutcome outcome = solver.solve(task);
            assertThat(outcome).isInstanceOf(SolveOutcome.Solved.class);
            return ((SolveOutcome.Solved) outcome).message();
        }
    }

    private static Task task(String title, Map<String, Object> probe) {
        ObjectNode task = TaskFixtures.withRun(TaskFixtures.codeforces(title), 2, 1, List.of(SolverScript.MODEL),
                "python");
        ObjectNode node = ((ObjectNode) task.get("run")).putObject("probe");
        probe.forEach((key, value) -> {
            if (value instanceof Integer i) {
                node.put(key, i);
            } else if (value != null) {
                node.put(key, value.toString());
            }
        });
        return TaskFixtures.decode(task);
    }

    private static Map<String, Object> probe(String model, int attempts, String apiKeyEnv) {
        Map<String, Object> probe = new LinkedHashMap<>();
        probe.put("baseUrl", server.baseUrl());
        probe.put("model", model);
        probe.put("attempts", attempts);
        probe.put("apiKeyEnv", apiKeyEnv);
        return probe;
    }

    private static List<RecordedRequest> callsOf(String stage, String title) {
        return server.chatRequests().stream()
                .filter(r -> r.stage().orElse("").equals(stage) && r.lastUserMessage().startsWith("# Task: " + title))
                .toList();
    }
}
