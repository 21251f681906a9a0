package io.synthsmith.solver.solving;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synthsmith.llm.SamplingParameters;
import io.synthsmith.llm.settings.EndpointDialect;
import io.synthsmith.llm.settings.LlmEndpointSettings;
import io.synthsmith.messages.Solved;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.scriptedllm.RecordedRequest;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import io.synthsmith.scriptedllm.ScriptedLlmServer;
import io.synthsmith.scriptedllm.ScriptedResponse;
import io.synthsmith.solver.candidates.CandidateScreen;
import io.synthsmith.solver.llm.ModelClients;
import io.synthsmith.solver.scripted.SolverScript;
import io.synthsmith.solver.scripted.TaskFixtures;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Truncated candidates are asked again once with a larger budget; an OpenAI reasoning model is asked in its own
 * dialect and its hidden reasoning recorded. Against the scripted server (scripted replies, not a model).
 */
class TruncatedRetryTest {

    private static final String CUT = "Cut Short";
    private static final String HIDDEN = "Hidden Thoughts";
    private static final String PROSE = "Only Prose";

    private static Vertx vertx;
    private static ScriptedLlmServer server;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        ScriptedResponse.Completion cut = ScriptedResponse.completion("Let me write the sweep:\n\n```python\nimport sys")
                .withReasoning(SolverScript.LONG_REASONING).withFinishReason("length");
        server = ScriptedLlmServer.start(Script.of(
                ScriptRule.forStage("solver", cut, SolverScript.good()).whenLastUserMessageMatches("^# Task: " + CUT),
                ScriptRule.forStage("solver", ScriptedResponse.completion(SolverScript.STDIO_ANSWER)
                                .withReasoning("never shown").withReasoningField(ScriptedResponse.ReasoningField.HIDDEN))
                        .whenLastUserMessageMatches("^# Task: " + HIDDEN).forModel("o4-mini")
                        .rejecting("max_tokens", "temperature"),
                ScriptRule.forStage("solver", ScriptedResponse.completion("I would sort and sweep.")
                        .withReasoning(SolverScript.LONG_REASONING)).whenLastUserMessageMatches("^# Task: " + PROSE),
                ScriptRule.forStage("solver", ScriptedResponse.completion(SolverScript.DIRECT_INPUTS))
                        .whenLastUserMessageMatches("^# Direct test inputs for: "),
                ScriptRule.forStage("solver", ScriptedResponse.completion(SolverScript.GENERATOR))
                        .whenLastUserMessageMatches("^# Input generator for: "),
                ScriptRule.forStage("solver", ScriptedResponse.completion(SolverScript.VALIDATOR))
                        .whenLastUserMessageMatches("^# Input validator for: ")));
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static ModelClients clients(SimpleMeterRegistry registry) {
        return new ModelClients(vertx, LlmEndpointSettings.builder("solver", server.baseUrl(), SolverScript.MODEL)
                .sampling(SamplingParameters.UNSET.withMaxTokens(1000).withTemperature(0.6))
                .modelDialects(EndpointDialect.parseModelDialects("o4-mini=openai"))
                .build(), registry, 4);
    }

    private static TaskSolver solver(ModelClients clients, SimpleMeterRegistry registry, int minReasoningChars) {
        return new TaskSolver(clients, new CandidateScreen(minReasoningChars), new SolverMetrics(registry),
                new MessageCodec(), Clock.systemUTC(), 5, 1 << 24).withTruncatedRetryFactor(2.5);
    }

    @Test
    void truncatedCandidatesAreAskedAgainOnceWithALargerBudgetAndOnlyAsManyAsWereCut() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Task task = TaskFixtures.decode(TaskFixtures.codeforces(CUT));
        try (ModelClients clients = clients(registry)) {
            SolveOutcome outcome = solver(clients, registry, 0).solve(task);

            assertThat(outcome).isInstanceOf(SolveOutcome.Solved.class);
            Solved solved = ((SolveOutcome.Solved) outcome).message();
            assertThat(solved.candidates()).hasSize(8);
            assertThat(solved.dropped()).isEmpty();
            List<RecordedRequest> calls = server.chatRequests().stream()
                    .filter(r -> r.lastUserMessage().startsWith("# Task: " + CUT)).toList();
            assertThat(calls).hasSize(2);
            assertThat(calls.get(0).n()).hasValue(8);
            assertThat(calls.get(0).json().path("max_tokens").asInt()).isEqualTo(1000);
            assertThat(calls.get(1).n()).hasValue(8);
            assertThat(calls.get(1).json().path("max_tokens").asInt()).isEqualTo(2500);
        }
    }

    @Test
    void anOpenAiReasoningModelIsAskedInItsDialectAndAGateDoesNotDropItsHiddenReasoning() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Task task = TaskFixtures.decode(TaskFixtures.withRun(TaskFixtures.codeforces(HIDDEN), 4, 3,
                List.of("o4-mini"), "python"));
        try (ModelClients clients = clients(registry)) {
            SolveOutcome outcome = solver(clients, registry, 8000).solve(task);

            assertThat(outcome).isInstanceOf(SolveOutcome.Solved.class);
            Solved solved = ((SolveOutcome.Solved) outcome).message();
            assertThat(solved.candidates()).hasSize(4).allSatisfy(candidate -> {
                assertThat(candidate.reasoningHidden()).isTrue();
                assertThat(candidate.reasoning()).isEmpty();
                assertThat(candidate.usage().reasoningTokens()).isPositive();
            });
            RecordedRequest asked = server.chatRequests().stream()
                    .filter(r -> r.lastUserMessage().startsWith("# Task: " + HIDDEN)).findFirst().orElseThrow();
            assertThat(asked.json().path("max_completion_tokens").asInt()).isEqualTo(1000);
            assertThat(asked.json().has("temperature")).isFalse();
        }
    }

    @Test
    void everyDropAndTheRejectionAreLoggedOnceAtInfoWithTheTaskAndTheReason() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Task task = TaskFixtures.decode(TaskFixtures.withRun(TaskFixtures.codeforces(PROSE), 4, 3,
                List.of(SolverScript.MODEL), "python"));
        List<ExtLogRecord> logged = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(TaskSolver.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add((ExtLogRecord) record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try (ModelClients clients = clients(registry)) {
            SolveOutcome outcome = solver(clients, registry, 0).solve(task);

            assertThat(outcome).isInstanceOf(SolveOutcome.Rejection.class);
            List<String> info = logged.stream().filter(r -> r.getLevel().intValue() == Level.INFO.intValue())
                    .map(ExtLogRecord::getFormattedMessage).toList();
            assertThat(info.stream().filter(line -> line.contains("dropped as no_code_block"))).hasSize(4)
                    .allSatisfy(line -> assertThat(line).contains(task.id(), SolverScript.MODEL, "chatcmpl-"));
            assertThat(info.stream().filter(line -> line.contains("rejected as too_few_candidates"))).hasSize(1)
                    .allSatisfy(line -> assertThat(line).contains(task.id()));
        } finally {
            logger.removeHandler(capture);
        }
    }
}
