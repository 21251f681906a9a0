package io.synthsmith.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthsmith.llm.settings.LlmEndpointSettings;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/** The OpenAI chat-completions JSON: request bodies out, replies in. */
final class ChatCompletionsWire {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT_CHARS = 300;

    private final LlmEndpointSettings settings;

    ChatCompletionsWire(LlmEndpointSettings settings) {
        this.settings = settings;
    }

    /** The body asking for {@code n} choices; {@code n} is sent only above 1, unset sampling fields never. */
    Buffer encode(ChatRequest request, int n) {
        ObjectNode body = JSON.createObjectNode();
        settings.extraBody().forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        body.put("model", settings.model());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            messages.addObject().put("role", message.role().wireName()).put("content", message.content());
        }
        if (n > 1) {
            body.put("n", n);
        }
        SamplingParameters sampling = settings.sampling().overriddenBy(request.sampling());
        if (sampling.temperature() != null) {
            body.put("temperature", sampling.temperature());
        }
        if (sampling.topP() != null) {
            body.put("top_p", sampling.topP());
        }
        if (sampling.topK() != null) {
            body.put("top_k", sampling.topK());
        }
        if (sampling.minP() != null) {
            body.put("min_p", sampling.minP());
        }
        if (sampling.maxTokens() != null) {
            body.put("max_tokens", sampling.maxTokens());
        }
        try {
            return Buffer.buffer(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The choices, usage and model of a 2xx reply body. */
    Reply decode(Buffer body) throws MalformedReplyException {
        JsonNode root;
        try {
            root = JSON.readTree(body.getBytes());
        } catch (JsonProcessingException e) {
            throw new MalformedReplyException("the body is not valid JSON (" + e.getOriginalMessage() + " at byte "
                    + e.getLocation().getByteOffset() + " of " + body.length() + "); it starts with: "
                    + excerpt(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedReplyException("expected a JSON object, got: " + excerpt(body));
        }
        JsonNode choicesNode = root.path("choices");
        if (!choicesNode.isArray() || choicesNode.isEmpty()) {
            String error = root.path("error").path("message").asText("");
            throw new MalformedReplyException("no 'choices' in the reply" + (error.isEmpty() ? "" : "; it says: "
                    + error) + "; body starts with: " + excerpt(body));
        }
        List<JsonNode> ordered = new ArrayList<>();
        choicesNode.forEach(ordered::add);
        ordered.sort(Comparator.comparingInt(choice -> choice.path("index").asInt(0)));
        List<ChatChoice> choices = new ArrayList<>();
        for (JsonNode choice : ordered) {
            JsonNode message = choice.path("message");
            if (!message.isObject()) {
                throw new MalformedReplyException("choice " + choice.path("index").asInt(choices.size())
                        + " has no 'message' object; body starts with: " + excerpt(body));
            }
            String reasoningField = textOrNull(message.get("reasoning_content"));
            if (reasoningField == null) {
                reasoningField = textOrNull(message.get("reasoning"));
            }
            ReasoningSplit split = ReasoningSplit.of(textOrNull(message.get("content")), reasoningField);
            choices.add(new ChatChoice(choices.size(), split.answer(), split.reasoning(),
                    FinishReason.fromWire(textOrNull(choice.get("finish_reason")))));
        }
        return new Reply(root.path("model").asText(settings.model()), choices, usage(root.path("usage")), 1);
    }

    /** The start of a body, for error messages. */
    static String excerpt(Buffer body) {
        int length = Math.min(body.length(), EXCERPT_CHARS * 4);
        String text = body.getString(0, length, StandardCharsets.UTF_8.name()).replaceAll("\\s+", " ").strip();
        return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS) + "...";
    }

    private static TokenUsage usage(JsonNode usage) {
        if (!usage.isObject()) {
            return TokenUsage.NONE;
        }
        JsonNode reasoning = usage.path("completion_tokens_details").path("reasoning_tokens");
        if (!reasoning.isNumber()) {
            reasoning = usage.path("reasoning_tokens");
        }
        return new TokenUsage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0),
                reasoning.isNumber() ? OptionalLong.of(reasoning.asLong()) : OptionalLong.empty());
    }

    private static String textOrNull(JsonNode node) {
        return node == null || !node.isTextual() ? null : node.asText();
    }

    /**
     * A decoded reply, or several merged.
     *
     * @param model    the model the server named
     * @param choices  the choices in index order
     * @param usage    the tokens reported
     * @param attempts HTTP attempts it took
     */
    record Reply(String model, List<ChatChoice> choices, TokenUsage usage, int attempts) {
        Reply withAttempts(int total) {
            return new Reply(model, choices, usage, total);
        }
    }

    /** A 2xx body that is not a chat completion. */
    static final class MalformedReplyException extends Exception {
        MalformedReplyException(String message) {
            super(message, null, false, false);
        }
    }
}
