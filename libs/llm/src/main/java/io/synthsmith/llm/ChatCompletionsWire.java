package io.synthsmith.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthsmith.llm.settings.EndpointDialect;
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
    private final EndpointDialect dialect;

    ChatCompletionsWire(LlmEndpointSettings settings) {
        this.settings = settings;
        this.dialect = settings.modelDialect();
    }

    /**
     * The body asking for {@code n} choices; {@code n} is sent only above 1, unset sampling fields never, and only
     * the fields the endpoint's dialect accepts: {@code max_tokens} or {@code max_completion_tokens},
     * {@code temperature}/{@code top_p} and {@code top_k}/{@code min_p} where accepted, and {@code stream} with
     * {@code stream_options.include_usage} when streaming.
     */
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
        if (dialect.temperature() && sampling.temperature() != null) {
            body.put("temperature", sampling.temperature());
        }
        if (dialect.temperature() && sampling.topP() != null) {
            body.put("top_p", sampling.topP());
        }
        if (dialect.samplerExtras() && sampling.topK() != null) {
            body.put("top_k", sampling.topK());
        }
        if (dialect.samplerExtras() && sampling.minP() != null) {
            body.put("min_p", sampling.minP());
        }
        if (sampling.maxTokens() != null) {
            body.remove(EndpointDialect.TokenLimit.MAX_TOKENS.field());
            body.put(dialect.tokenLimit().field(), sampling.maxTokens());
        }
        if (dialect.stream()) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
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
            choices.add(choice(choices.size(), textOrNull(message.get("content")),
                    textOrNull(message.get("reasoning_content")), textOrNull(message.get("reasoning")),
                    textOrNull(choice.get("finish_reason"))));
        }
        TokenUsage usage = usage(root.path("usage"));
        return new Reply(root.path("model").asText(settings.model()), shared(choices, usage), usage, 1, false,
                ids(root.path("id").asText("")));
    }

    /** A new accumulator for the chunks of one streamed reply. */
    StreamedReply streamed() {
        return new StreamedReply();
    }

    private ChatChoice choice(int index, String content, String reasoningContent, String reasoningText,
            String finishReason) {
        ReasoningSplit split = ReasoningSplit.of(content, reasoningContent, reasoningText, dialect.reasoning());
        return new ChatChoice(index, split.answer(), split.reasoning(), FinishReason.fromWire(finishReason),
                dialect.reasoning() == EndpointDialect.ReasoningSource.HIDDEN, TokenUsage.NONE);
    }

    /**
     * {@code choices}, each with its share of {@code usage}: the prompt split evenly, the completion and reasoning
     * tokens in proportion to the characters each choice wrote. A choice without reasoning text whose request
     * reports reasoning tokens is marked as having hidden reasoning.
     */
    private static List<ChatChoice> shared(List<ChatChoice> choices, TokenUsage usage) {
        if (choices.isEmpty()) {
            return choices;
        }
        long totalChars = 0;
        long reasoningChars = 0;
        for (ChatChoice choice : choices) {
            totalChars += choice.answer().length() + choice.reasoning().length();
            reasoningChars += choice.reasoning().length();
        }
        boolean hiddenReasoning = reasoningChars == 0 && usage.reasoningTokens().orElse(0) > 0;
        List<ChatChoice> shared = new ArrayList<>(choices.size());
        int n = choices.size();
        for (ChatChoice choice : choices) {
            long chars = choice.answer().length() + choice.reasoning().length();
            long completion = totalChars == 0 ? usage.completionTokens() / n
                    : Math.round((double) usage.completionTokens() * chars / totalChars);
            OptionalLong reasoning = usage.reasoningTokens().isEmpty() ? OptionalLong.empty()
                    : OptionalLong.of(reasoningChars == 0 || totalChars == 0 ? usage.reasoningTokens().getAsLong() / n
                    : Math.round((double) usage.reasoningTokens().getAsLong() * choice.reasoning().length()
                    / reasoningChars));
            ChatChoice withShare = choice.withUsage(new TokenUsage(usage.promptTokens() / n, completion, reasoning));
            shared.add(hiddenReasoning && !choice.reasoningHidden() ? new ChatChoice(withShare.index(),
                    withShare.answer(), withShare.reasoning(), withShare.finishReason(), true, withShare.usage())
                    : withShare);
        }
        return shared;
    }

    /**
     * The chunks of one streamed ({@code text/event-stream}) reply put back together: each {@code data:} line is a
     * {@code chat.completion.chunk} whose choices carry, by {@code index}, deltas of content and reasoning and, at
     * their end, a {@code finish_reason}; the last chunk before {@code data: [DONE]} carries the usage
     * ({@code stream_options.include_usage}). Not thread-safe: one attempt feeds it from one event loop.
     */
    final class StreamedReply {
        private final StringBuilder pending = new StringBuilder();
        private final java.util.TreeMap<Integer, Parts> parts = new java.util.TreeMap<>();
        private TokenUsage usage = TokenUsage.NONE;
        private String model;
        private String id;
        private boolean done;
        private long chunks;

        /** Takes the next bytes of the stream; throws when an event is not a chunk (or is an error event). */
        void feed(Buffer bytes) throws MalformedReplyException {
            pending.append(bytes.toString(StandardCharsets.UTF_8));
            int end;
            while ((end = pending.indexOf("\n")) >= 0) {
                String line = pending.substring(0, end).strip();
                pending.delete(0, end + 1);
                line(line);
            }
        }

        private void line(String line) throws MalformedReplyException {
            if (!line.startsWith("data:")) {
                return;
            }
            String data = line.substring("data:".length()).strip();
            if (data.equals("[DONE]")) {
                done = true;
                return;
            }
            JsonNode chunk;
            try {
                chunk = JSON.readTree(data);
            } catch (JsonProcessingException e) {
                throw new MalformedReplyException("stream chunk " + (chunks + 1) + " is not valid JSON ("
                        + e.getOriginalMessage() + "): " + excerpt(Buffer.buffer(data)));
            }
            chunks++;
            if (chunk.has("error")) {
                throw new MalformedReplyException("the stream broke off with an error after " + chunks
                        + " chunks: " + chunk.path("error").path("message").asText(chunk.path("error").toString()));
            }
            if (id == null && chunk.hasNonNull("id")) {
                id = chunk.get("id").asText();
            }
            if (chunk.hasNonNull("model")) {
                model = chunk.get("model").asText();
            }
            if (chunk.path("usage").isObject()) {
                usage = usage(chunk.get("usage"));
            }
            for (JsonNode choice : chunk.path("choices")) {
                Parts part = parts.computeIfAbsent(choice.path("index").asInt(0), index -> new Parts());
                JsonNode delta = choice.path("delta");
                append(part.content, delta.get("content"));
                append(part.reasoningContent, delta.get("reasoning_content"));
                append(part.reasoning, delta.get("reasoning"));
                String finish = textOrNull(choice.get("finish_reason"));
                if (finish != null) {
                    part.finishReason = finish;
                }
            }
        }

        private static void append(StringBuilder to, JsonNode text) {
            if (text != null && text.isTextual()) {
                to.append(text.asText());
            }
        }

        /** Whether {@code data: [DONE]} arrived. */
        boolean done() {
            return done;
        }

        /** Whether at least one choice got its {@code finish_reason}. */
        boolean anyFinished() {
            return parts.values().stream().anyMatch(part -> part.finishReason != null);
        }

        /**
         * The reply so far: with {@code finishedOnly}, only the choices that ended (a stream that broke off keeps
         * them, and the rest are asked again); {@code partial} marks such a reply.
         */
        Reply reply(boolean finishedOnly) throws MalformedReplyException {
            List<ChatChoice> choices = new ArrayList<>();
            for (Parts part : parts.values()) {
                if (finishedOnly && part.finishReason == null) {
                    continue;
                }
                choices.add(choice(choices.size(), part.content.toString(), emptyToNull(part.reasoningContent),
                        emptyToNull(part.reasoning), part.finishReason));
            }
            if (choices.isEmpty()) {
                throw new MalformedReplyException("the stream ended after " + chunks + " chunks without a choice");
            }
            return new Reply(model == null ? settings.model() : model, shared(choices, usage), usage, 1,
                    finishedOnly, ids(id));
        }

        private static String emptyToNull(StringBuilder text) {
            return text.isEmpty() ? null : text.toString();
        }

        private static final class Parts {
            final StringBuilder content = new StringBuilder();
            final StringBuilder reasoningContent = new StringBuilder();
            final StringBuilder reasoning = new StringBuilder();
            String finishReason;
        }
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
     * @param partial  whether a stream broke off and only its finished choices are here
     * @param ids      the completion ids the server gave
     */
    record Reply(String model, List<ChatChoice> choices, TokenUsage usage, int attempts, boolean partial,
                 List<String> ids) {
        Reply withAttempts(int total) {
            return new Reply(model, choices, usage, total, partial, ids);
        }
    }

    private static List<String> ids(String id) {
        return id == null || id.isEmpty() ? List.of() : List.of(id);
    }

    /** A 2xx body that is not a chat completion. */
    static final class MalformedReplyException extends Exception {
        MalformedReplyException(String message) {
            super(message, null, false, false);
        }
    }
}
