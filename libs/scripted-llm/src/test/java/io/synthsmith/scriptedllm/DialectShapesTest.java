package io.synthsmith.scriptedllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Streaming as SSE, routing on the model, refused parameters and the reasoning shapes, read from a script file. */
class DialectShapesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final String SCRIPT = """
            { "streamChunkChars": 5, "streamChunkDelayMs": 1,
              "rules": [
                { "model": "o4-mini|o3", "rejects": ["max_tokens", "temperature"], "description": "OpenAI",
                  "replies": [ { "content": "hidden", "reasoning": "not sent", "reasoningField": "hidden" } ] },
                { "model": "deepseek-.*",
                  "replies": [ { "content": "answer", "reasoning": "thinking", "reasoningField": "think-unopened" } ] },
                { "replies": [ { "content": "answer", "reasoning": "thinking", "reasoningField": "think" } ] }
              ] }""";

    private HttpResponse<String> post(ScriptedLlmServer server, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void streamsEachChoiceInChunksWithItsFinishReasonThenTheUsageAndDone() throws Exception {
        try (var server = ScriptedLlmServer.start(ScriptFile.parse(SCRIPT, "inline script"))) {
            HttpResponse<String> response = post(server, """
                    {"model": "deepseek-r1", "n": 2, "stream": true, "stream_options": {"include_usage": true},
                     "messages": [{"role": "user", "content": "hi"}]}""");

            assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
            List<String> events = new ArrayList<>(List.of(response.body().split("\n\n")));
            assertThat(events.remove(events.size() - 1)).isEqualTo("data: [DONE]");
            Map<Integer, StringBuilder> content = new TreeMap<>();
            Map<Integer, String> finish = new TreeMap<>();
            JsonNode usage = null;
            for (String event : events) {
                JsonNode chunk = JSON.readTree(event.substring("data: ".length()));
                assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
                if (chunk.has("usage")) {
                    usage = chunk.get("usage");
                }
                for (JsonNode choice : chunk.path("choices")) {
                    int index = choice.path("index").asInt();
                    content.computeIfAbsent(index, i -> new StringBuilder())
                            .append(choice.path("delta").path("content").asText(""));
                    if (!choice.path("finish_reason").isNull()) {
                        finish.put(index, choice.path("finish_reason").asText());
                    }
                }
            }
            assertThat(content).hasSize(2);
            assertThat(content.get(0).toString()).isEqualTo("thinking\n</think>\n\nanswer");
            assertThat(content.get(1).toString()).isEqualTo(content.get(0).toString());
            assertThat(finish).containsEntry(0, "stop").containsEntry(1, "stop");
            assertThat(usage).isNotNull();
            assertThat(usage.path("completion_tokens").asInt()).isPositive();
            assertThat(events.size()).as("chunks of 5 characters").isGreaterThan(10);
        }
    }

    @Test
    void routesOnTheModelRefusesItsParametersAndHidesItsReasoning() throws Exception {
        try (var server = ScriptedLlmServer.start(ScriptFile.parse(SCRIPT, "inline script"))) {
            HttpResponse<String> refused = post(server, """
                    {"model": "o4-mini", "max_tokens": 100, "messages": [{"role": "user", "content": "hi"}]}""");
            HttpResponse<String> accepted = post(server, """
                    {"model": "o4-mini", "max_completion_tokens": 100, "messages": [{"role": "user", "content": "hi"}]}""");
            HttpResponse<String> other = post(server, """
                    {"model": "Qwen/Qwen3-32B", "max_tokens": 100, "messages": [{"role": "user", "content": "hi"}]}""");

            assertThat(refused.statusCode()).isEqualTo(400);
            JsonNode error = JSON.readTree(refused.body()).path("error");
            assertThat(error.path("message").asText()).isEqualTo("Unsupported parameter: 'max_tokens' is not "
                    + "supported with this model. Use 'max_completion_tokens' instead.");
            assertThat(error.path("param").asText()).isEqualTo("max_tokens");
            assertThat(error.path("code").asText()).isEqualTo("unsupported_parameter");
            JsonNode hidden = JSON.readTree(accepted.body());
            assertThat(hidden.path("choices").get(0).path("message").has("reasoning_content")).isFalse();
            assertThat(hidden.path("choices").get(0).path("message").path("content").asText()).isEqualTo("hidden");
            assertThat(hidden.path("usage").path("completion_tokens_details").path("reasoning_tokens").asInt())
                    .isPositive();
            assertThat(JSON.readTree(other.body()).path("choices").get(0).path("message").path("content").asText())
                    .isEqualTo("<think>\nthinking\n</think>\n\nanswer");
        }
    }
}
