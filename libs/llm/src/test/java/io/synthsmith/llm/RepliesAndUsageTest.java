package io.synthsmith.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.scriptedllm.RecordedRequest;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import io.synthsmith.scriptedllm.ScriptedLlmServer;
import io.synthsmith.scriptedllm.ScriptedResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.synthsmith.llm.ScriptedEndpoint.await;
import static io.synthsmith.scriptedllm.ScriptedResponse.completion;
import static org.assertj.core.api.Assertions.assertThat;

class RepliesAndUsageTest {

    private static final ChatRequest REQUEST = ChatRequest.of("system", "task");

    @Test
    void separatesReasoningGivenInAFieldOrInThinkTags() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(
                completion("answer 1").withReasoning("reasoning 1"),
                completion("answer 2").withReasoning("reasoning 2")
                        .withReasoningField(ScriptedResponse.ReasoningField.REASONING),
                completion("<think>\nreasoning 3\n</think>\n\nanswer 3"),
                completion("reasoning 4</think>answer 4"),
                completion("<think>reasoning 5 that never").withFinishReason("length"),
                completion("plain answer"))))) {

            assertThat(choice(endpoint)).extracting(ChatChoice::answer, ChatChoice::reasoning, ChatChoice::finishReason)
                    .containsExactly("answer 1", "reasoning 1", FinishReason.STOP);
            assertThat(choice(endpoint)).extracting(ChatChoice::answer, ChatChoice::reasoning, ChatChoice::finishReason)
                    .containsExactly("answer 2", "reasoning 2", FinishReason.STOP);
            assertThat(choice(endpoint)).extracting(ChatChoice::answer, ChatChoice::reasoning, ChatChoice::finishReason)
                    .containsExactly("answer 3", "reasoning 3", FinishReason.STOP);
            assertThat(choice(endpoint)).extracting(ChatChoice::answer, ChatChoice::reasoning, ChatChoice::finishReason)
                    .containsExactly("answer 4", "reasoning 4", FinishReason.STOP);
            ChatChoice cut = choice(endpoint);
            assertThat(cut.answer()).isEmpty();
            assertThat(cut.reasoning()).isEqualTo("reasoning 5 that never");
            assertThat(cut.truncated()).isTrue();
            ChatChoice plain = choice(endpoint);
            assertThat(plain.answer()).isEqualTo("plain answer");
            assertThat(plain.hasReasoning()).isFalse();
        }
    }

    @Test
    void reportsUsageAndCountsItInMetrics() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(
                completion("x").withUsage(120, 80, 50), completion("y").withUsage(10, 5, null))))) {

            ChatResult first = await(endpoint.client.chat(REQUEST));
            ChatResult second = await(endpoint.client.chat(REQUEST));

            assertThat(first.usage().promptTokens()).isEqualTo(120);
            assertThat(first.usage().completionTokens()).isEqualTo(80);
            assertThat(first.usage().reasoningTokens()).hasValue(50);
            assertThat(second.usage().reasoningTokens()).isEmpty();
            assertThat(first.model()).isEqualTo(ScriptedEndpoint.MODEL);
            assertThat(endpoint.counter("synthsmith.llm.tokens", "type", "prompt", "stage", "solver",
                    "model", ScriptedEndpoint.MODEL)).isEqualTo(130);
            assertThat(endpoint.counter("synthsmith.llm.tokens", "type", "completion")).isEqualTo(85);
            assertThat(endpoint.counter("synthsmith.llm.tokens", "type", "reasoning")).isEqualTo(50);
            assertThat(endpoint.counter("synthsmith.llm.requests", "outcome", "success")).isEqualTo(2);
            var latency = endpoint.registry.get("synthsmith.llm.latency").tag("outcome", "success").timer();
            assertThat(latency.count()).isEqualTo(2);
            assertThat(latency.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        }
    }

    @Test
    void sendsTheStagesModelSamplingExtraBodyKeyAndStageHeader() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(completion("x"))),
                settings -> settings.sampling(SamplingParameters.UNSET.withTemperature(0.6).withTopP(0.95)
                                .withTopK(20).withMinP(0.05).withMaxTokens(32768))
                        .extraBody(Map.of("chat_template_kwargs", Map.of("enable_thinking", true))))) {

            await(endpoint.client.chat(REQUEST.withSampling(SamplingParameters.UNSET.withTemperature(0.2))));

            RecordedRequest request = endpoint.server.chatRequests().get(0);
            JsonNode body = request.json();
            assertThat(body.path("model").asText()).isEqualTo(ScriptedEndpoint.MODEL);
            assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
            assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("task");
            assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
            assertThat(body.path("top_p").asDouble()).isEqualTo(0.95);
            assertThat(body.path("top_k").asInt()).isEqualTo(20);
            assertThat(body.path("min_p").asDouble()).isEqualTo(0.05);
            assertThat(body.path("max_tokens").asInt()).isEqualTo(32768);
            assertThat(body.path("chat_template_kwargs").path("enable_thinking").asBoolean()).isTrue();
            assertThat(request.header("authorization")).hasValue("Bearer " + ScriptedEndpoint.API_KEY);
            assertThat(request.header(ScriptedLlmServer.STAGE_HEADER)).hasValue("solver");
            assertThat(request.path()).isEqualTo("/v1/chat/completions");
        }
    }

    @Test
    void leavesUnsetSamplingParametersAndAMissingKeyOutOfTheRequest() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(completion("x"))),
                settings -> settings.apiKey(null))) {

            await(endpoint.client.chat(REQUEST));

            RecordedRequest request = endpoint.server.chatRequests().get(0);
            assertThat(request.json().properties()).extracting(Map.Entry::getKey)
                    .containsExactlyInAnyOrder("model", "messages");
            assertThat(request.header("authorization")).isEmpty();
        }
    }

    private static ChatChoice choice(ScriptedEndpoint endpoint) {
        return await(endpoint.client.chat(REQUEST)).first();
    }
}
