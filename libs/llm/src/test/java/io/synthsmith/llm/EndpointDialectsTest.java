package io.synthsmith.llm;

import io.synthsmith.llm.settings.EndpointDialect;
import io.synthsmith.scriptedllm.RecordedRequest;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import io.synthsmith.scriptedllm.ScriptedResponse;
import io.synthsmith.scriptedllm.ScriptedResponse.ReasoningField;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.synthsmith.llm.ScriptedEndpoint.await;
import static io.synthsmith.scriptedllm.ScriptedResponse.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each preset's request shape and reply shapes, against the scripted server answering in that shape. */
class EndpointDialectsTest {

    private static final ChatRequest REQUEST = ChatRequest.of("system", "task")
            .withSampling(new SamplingParameters(0.6, 0.95, 20, 0.05, 4096));

    @Test
    void anOpenAiReasoningModelGetsMaxCompletionTokensAndNoTemperatureAndItsHiddenReasoningIsMarked() {
        Script script = Script.of(ScriptRule.always(completion("```python\nprint(1)\n```").withReasoning("unseen")
                .withReasoningField(ReasoningField.HIDDEN)).forModel(ScriptedEndpoint.MODEL)
                .rejecting("max_tokens", "temperature", "top_p"));
        try (var endpoint = ScriptedEndpoint.start(script, b -> b.dialect(EndpointDialect.preset("openai")))) {
            ChatResult result = await(endpoint.client.chat(REQUEST));

            RecordedRequest sent = endpoint.server.chatRequests().get(0);
            assertThat(sent.json().path("max_completion_tokens").asInt()).isEqualTo(4096);
            assertThat(sent.json().has("max_tokens")).isFalse();
            assertThat(sent.json().has("temperature")).isFalse();
            assertThat(sent.json().has("top_k")).isFalse();
            assertThat(sent.json().path("stream").asBoolean()).isTrue();
            assertThat(result.first().answer()).isEqualTo("```python\nprint(1)\n```");
            assertThat(result.first().reasoning()).isEmpty();
            assertThat(result.first().reasoningHidden()).isTrue();
            assertThat(result.usage().reasoningTokens()).hasValue(2);
        }
    }

    @Test
    void theGenericDialectIsRefusedByAnOpenAiReasoningModelWithItsOwnWords() {
        Script script = Script.of(ScriptRule.always(completion("x")).rejecting("max_tokens", "temperature"));
        try (var endpoint = ScriptedEndpoint.start(script)) {
            assertThatThrownBy(() -> await(endpoint.client.chat(REQUEST)))
                    .isInstanceOf(LlmException.Rejected.class)
                    .hasMessageContaining("400")
                    .hasMessageContaining("Unsupported");
        }
    }

    @Test
    void azureSendsTheKeyInApiKeyAndTheApiVersionInTheQuery() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(completion("ok"))),
                b -> b.dialect(EndpointDialect.preset("azure-openai").withApiVersion("2024-10-21")
                        .withStream(false)))) {
            await(endpoint.client.chat(REQUEST));

            RecordedRequest sent = endpoint.server.chatRequests().get(0);
            assertThat(sent.header("api-key")).hasValue(ScriptedEndpoint.API_KEY);
            assertThat(sent.header("authorization")).isEmpty();
            assertThat(sent.path()).isEqualTo("/v1/chat/completions");
            assertThat(endpoint.server.requests().get(0).headers()).containsKey("api-key");
        }
    }

    @Test
    void vllmAndOllamaSendWhatTheyAccept() {
        try (var vllm = ScriptedEndpoint.start(Script.of(ScriptRule.always(completion("ok"))),
                b -> b.dialect(EndpointDialect.preset("vllm")));
             var ollama = ScriptedEndpoint.start(Script.of(ScriptRule.always(completion("ok"))),
                     b -> b.dialect(EndpointDialect.preset("ollama")))) {
            await(vllm.client.chat(REQUEST.withSamples(3)));
            await(ollama.client.chat(REQUEST.withSamples(3)));

            var toVllm = vllm.server.chatRequests();
            assertThat(toVllm).hasSize(1);
            assertThat(toVllm.get(0).json().path("n").asInt()).isEqualTo(3);
            assertThat(toVllm.get(0).json().path("max_tokens").asInt()).isEqualTo(4096);
            assertThat(toVllm.get(0).json().path("top_k").asInt()).isEqualTo(20);
            assertThat(toVllm.get(0).json().path("stream_options").path("include_usage").asBoolean()).isTrue();
            var toOllama = ollama.server.chatRequests();
            assertThat(toOllama).as("Ollama ignores n: three single requests").hasSize(3);
            assertThat(toOllama).allSatisfy(r -> {
                assertThat(r.json().has("n")).isFalse();
                assertThat(r.json().has("top_k")).isFalse();
                assertThat(r.json().path("temperature").asDouble()).isEqualTo(0.6);
            });
        }
    }

    @Test
    void readsReasoningInEveryShapeStreamedOrNot() {
        String reasoning = "The sums fit in 64 bits. ".repeat(80);
        List<ReasoningField> shapes = List.of(ReasoningField.REASONING_CONTENT, ReasoningField.REASONING,
                ReasoningField.THINK, ReasoningField.THINK_UNOPENED);
        for (boolean stream : List.of(false, true)) {
            for (ReasoningField shape : shapes) {
                try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(
                                completion("Here is the code.\n\n```python\nprint(2)\n```").withReasoning(reasoning)
                                        .withReasoningField(shape))).withStreaming(50, Duration.ZERO),
                        b -> b.dialect(EndpointDialect.preset("vllm").withStream(stream)))) {
                    ChatChoice choice = await(endpoint.client.chat(REQUEST)).first();

                    assertThat(choice.reasoning()).as("%s, stream %s", shape, stream).isEqualTo(reasoning.strip());
                    assertThat(choice.answer()).as("%s, stream %s", shape, stream)
                            .isEqualTo("Here is the code.\n\n```python\nprint(2)\n```");
                    assertThat(choice.reasoningHidden()).isFalse();
                }
            }
        }
    }

    @Test
    void aStreamThatKeepsComingOutlivesTheAttemptTimeoutButAStalledOneTimesOut() {
        Script slowStream = Script.of(ScriptRule.always(completion("y".repeat(400)).withReasoning("x".repeat(400))))
                .withStreaming(40, Duration.ofMillis(60));
        try (var endpoint = ScriptedEndpoint.start(slowStream, b -> b.timeout(Duration.ofMillis(300))
                .streamIdleTimeout(Duration.ofMillis(400)).dialect(EndpointDialect.preset("vllm")))) {
            ChatResult result = await(endpoint.client.chat(REQUEST));

            assertThat(result.first().answer()).hasSize(400);
            assertThat(result.latency()).as("about 22 chunks 60 ms apart").isGreaterThan(Duration.ofMillis(900));
            assertThat(result.attempts()).isEqualTo(1);
        }
        Script stalled = Script.of(ScriptRule.always(ScriptedResponse.slow(Duration.ofSeconds(2), completion("z"))));
        try (var endpoint = ScriptedEndpoint.start(stalled, b -> b.retries(2, Duration.ofMinutes(1))
                .streamIdleTimeout(Duration.ofMillis(300)).dialect(EndpointDialect.preset("vllm")))) {
            assertThatThrownBy(() -> await(endpoint.client.chat(REQUEST)))
                    .isInstanceOf(LlmException.GaveUp.class)
                    .satisfies(e -> assertThat(((LlmException) e).lastFailure())
                            .isInstanceOf(AttemptFailure.Timeout.class));
        }
    }

    @Test
    void aStreamThatBreaksOffKeepsItsFinishedChoicesAndAsksOnlyForTheMissingOnes() {
        Script script = Script.of(ScriptRule.always(
                ScriptedResponse.truncatedBody(completion("answer A").withReasoning("r".repeat(200))),
                completion("answer B").withReasoning("s".repeat(200))));
        try (var endpoint = ScriptedEndpoint.start(script, b -> b.dialect(EndpointDialect.preset("vllm")))) {
            ChatResult result = await(endpoint.client.chat(REQUEST.withSamples(4)));

            List<RecordedRequest> sent = endpoint.server.chatRequests();
            assertThat(sent).hasSize(2);
            assertThat(sent.get(0).json().path("n").asInt()).isEqualTo(4);
            int finishedBeforeTheBreak = 4 - sent.get(1).json().path("n").asInt(1);
            assertThat(finishedBeforeTheBreak).isBetween(1, 3);
            assertThat(result.choices()).hasSize(4);
            assertThat(result.choices()).extracting(ChatChoice::index).containsExactly(0, 1, 2, 3);
            assertThat(result.choices().stream().filter(c -> c.answer().equals("answer A")).count())
                    .isEqualTo(finishedBeforeTheBreak);
            assertThat(endpoint.client.endpointIgnoresN()).isFalse();
        }
    }

    @Test
    void eachChoiceCarriesItsShareOfTheUsage() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(
                completion("abcd").withReasoning("efgh").withUsage(100, 40, 20))))) {
            ChatResult result = await(endpoint.client.chat(REQUEST.withSamples(2)));

            assertThat(result.choices()).allSatisfy(choice -> {
                assertThat(choice.usage().promptTokens()).isEqualTo(50);
                assertThat(choice.usage().completionTokens()).isEqualTo(20);
                assertThat(choice.usage().reasoningTokens()).hasValue(10);
            });
        }
    }

    @Test
    void modelDialectsOverrideTheEndpointsForTheirModel() {
        var settings = ScriptedEndpoint.defaults("http://localhost:1/v1")
                .dialect(EndpointDialect.preset("vllm"))
                .modelDialects(EndpointDialect.parseModelDialects("o4-mini=openai, qwen3 = ollama"))
                .build();

        assertThat(settings.modelDialect().name()).isEqualTo("vllm");
        assertThat(settings.withModel("o4-mini").modelDialect().name()).isEqualTo("openai");
        assertThat(settings.withModel("qwen3").modelDialect().name()).isEqualTo("ollama");
        assertThat(settings.withModel("o4-mini").withModel("other").modelDialect().name()).isEqualTo("vllm");
        assertThat(Map.of("k", settings.withModel("o4-mini").modelDialect().tokenLimit().field()))
                .containsEntry("k", "max_completion_tokens");
    }
}
