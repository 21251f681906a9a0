package io.synthsmith.scriptedllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request the scripted server received, kept so that tests can assert on what a client sent.
 *
 * @param receivedAt when the request's body was complete
 * @param method     HTTP method
 * @param path       request path, e.g. {@code /v1/chat/completions}
 * @param headers    headers by lower-case name
 * @param body       the raw body text
 * @param json       the body parsed as JSON, or a missing node when it is not JSON
 */
public record RecordedRequest(Instant receivedAt, String method, String path, Map<String, List<String>> headers,
                              String body, JsonNode json) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
        json = json == null ? MissingNode.getInstance() : json;
    }

    /** The first value of header {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The {@code X-SynthSmith-Stage} header, or empty. */
    public Optional<String> stage() {
        return header(ScriptedLlmServer.STAGE_HEADER);
    }

    /** The {@code n} field of the body, or empty when the client did not send it. */
    public OptionalInt n() {
        JsonNode n = json.path("n");
        return n.isIntegralNumber() ? OptionalInt.of(n.asInt()) : OptionalInt.empty();
    }

    /** The content of the last message with role {@code user}, or an empty string. */
    public String lastUserMessage() {
        return lastUserMessage(json);
    }

    static String lastUserMessage(JsonNode json) {
        JsonNode messages = json.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if ("user".equals(message.path("role").asText())) {
                return message.path("content").asText("");
            }
        }
        return "";
    }
}
