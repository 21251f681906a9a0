package io.synthsmith.scriptedllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthsmith.scriptedllm.ScriptedResponse.Completion;
import io.synthsmith.scriptedllm.ScriptedResponse.HttpError;
import io.synthsmith.scriptedllm.ScriptedResponse.MalformedBody;
import io.synthsmith.scriptedllm.ScriptedResponse.RateLimited;
import io.synthsmith.scriptedllm.ScriptedResponse.RetryAfterFormat;
import io.synthsmith.scriptedllm.ScriptedResponse.SampleCount;
import io.synthsmith.scriptedllm.ScriptedResponse.Slow;
import io.synthsmith.scriptedllm.ScriptedResponse.TruncatedBody;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local OpenAI-compatible HTTP server that answers {@code POST /v1/chat/completions} from a {@link Script}
 * and lists one model on {@code GET /v1/models}. It is a test double for an LLM endpoint, not a model: every
 * answer is written in the script.
 *
 * <pre>{@code
 * try (var server = ScriptedLlmServer.start(Script.of(ScriptRule.always(ScriptedResponse.completion("42"))))) {
 *     String baseUrl = server.baseUrl();   // http://127.0.0.1:<port>/v1
 *     ...
 *     assertThat(server.requests()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Requests beyond the script's capacity queue (or get 429, see {@link Script.Overflow}); requests that close
 * their connection give their slot back at once, as a real server aborts a request whose client went away.
 * The {@code start} and {@code close} methods block: do not call them on a Vert.x event loop.
 */
public final class ScriptedLlmServer implements AutoCloseable {

    /** The request header that names the pipeline stage; rules match on it. */
    public static final String STAGE_HEADER = "X-SynthSmith-Stage";

    /** The model id listed on {@code GET /v1/models}. */
    public static final String MODEL_ID = "scripted";

    private static final Logger LOG = Logger.getLogger(ScriptedLlmServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER_HEADER = "synthsmith-scripted-llm (scripted replies, not a model)";
    private static final String CHAT_PATH = "/v1/chat/completions";

    private final Script script;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final HttpServer httpServer;
    private final String host;
    private final List<AtomicInteger> ruleCursors = new ArrayList<>();
    /** Requests matched per rule, faults included: the {@code seq} of template replies. */
    private final List<AtomicLong> ruleMatches = new ArrayList<>();
    private final Random random;
    private final Object lock = new Object();
    private final ArrayDeque<RecordedRequest> recorded = new ArrayDeque<>();
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    private final AtomicLong chatRequests = new AtomicLong();
    private final AtomicInteger openRequests = new AtomicInteger();
    private final AtomicInteger maxOpenRequests = new AtomicInteger();
    private final AtomicLong responseIds = new AtomicLong();
    private int serving;

    private ScriptedLlmServer(Vertx vertx, boolean ownsVertx, Script script, String host, int port) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.script = script;
        this.host = host;
        this.random = new Random(script.seed());
        script.rules().forEach(rule -> {
            ruleCursors.add(new AtomicInteger());
            ruleMatches.add(new AtomicLong());
        });
        this.httpServer = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                .setTcpNoDelay(true));
        httpServer.requestHandler(this::handle);
        httpServer.listen().toCompletionStage().toCompletableFuture().join();
        LOG.infof("synthsmith-scripted-llm listening on %s: scripted replies for tests and replays, NOT a model "
                        + "(%d rule(s), latency %d ms, capacity %s)", baseUrl(), script.rules().size(),
                script.latency().toMillis(), script.capacity() == 0 ? "unlimited" : script.capacity() + " "
                        + script.overflow().name().toLowerCase(Locale.ROOT));
    }

    /** Starts a server for {@code script} on 127.0.0.1 and an ephemeral port, with its own Vert.x instance. */
    public static ScriptedLlmServer start(Script script) {
        Vertx own = Vertx.vertx();
        try {
            return new ScriptedLlmServer(own, true, script, "127.0.0.1", 0);
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /** Starts a server for {@code script} on {@code host:port} (0 for an ephemeral port) using {@code vertx}. */
    public static ScriptedLlmServer start(Vertx vertx, Script script, String host, int port) {
        return new ScriptedLlmServer(vertx, false, script, host, port);
    }

    /** The OpenAI-style base URL, ending in {@code /v1}, e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return "http://" + displayHost() + ":" + port() + "/v1";
    }

    /** The port the server listens on. */
    public int port() {
        return httpServer.actualPort();
    }

    /** The most recent requests (up to the script's record limit), oldest first. */
    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(recorded);
        }
    }

    /** The requests received on the chat-completions path, oldest first. */
    public List<RecordedRequest> chatRequests() {
        return requests().stream().filter(r -> CHAT_PATH.equals(r.path())).toList();
    }

    /** How many chat-completions requests arrived since start (not bounded by the record limit). */
    public long chatRequestCount() {
        return chatRequests.get();
    }

    /** The most chat-completions requests that were open at once (queued or served), since start. */
    public int maxConcurrentRequests() {
        return maxOpenRequests.get();
    }

    /** Stops listening and, when the server made its own Vert.x instance, closes it. Blocks. */
    @Override
    public void close() {
        httpServer.close().toCompletionStage().toCompletableFuture().join();
        if (ownsVertx) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private String displayHost() {
        String shown = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        return shown.contains(":") ? "[" + shown + "]" : shown;
    }

    private void handle(HttpServerRequest request) {
        request.response().putHeader("server", SERVER_HEADER);
        boolean chat = request.method() == HttpMethod.POST && CHAT_PATH.equals(request.path());
        Exchange exchange = new Exchange(request, chat);
        if (chat) {
            chatRequests.incrementAndGet();
            int open = openRequests.incrementAndGet();
            maxOpenRequests.accumulateAndGet(open, Math::max);
        }
        request.response().closeHandler(v -> exchange.finish());
        request.response().endHandler(v -> exchange.finish());
        request.body()
                .onSuccess(body -> route(exchange, body.toString(StandardCharsets.UTF_8)))
                .onFailure(error -> exchange.finish());
    }

    private void route(Exchange exchange, String body) {
        HttpServerRequest request = exchange.request;
        JsonNode json = parseOrMissing(body);
        record(request, body, json);
        if (exchange.chat) {
            answerChat(exchange, json);
        } else if (request.method() == HttpMethod.GET && "/v1/models".equals(request.path())) {
            ObjectNode model = JSON.createObjectNode().put("id", MODEL_ID).put("object", "model")
                    .put("owned_by", "synthsmith-scripted-llm");
            ObjectNode list = JSON.createObjectNode().put("object", "list");
            list.putArray("data").add(model);
            writeJson(request.response(), 200, list);
        } else {
            writeJson(request.response(), 404, errorBody("no such endpoint on the scripted LLM server: "
                    + request.method() + " " + request.path() + " (it serves POST " + CHAT_PATH
                    + " and GET /v1/models)", "not_found"));
        }
    }

    private void answerChat(Exchange exchange, JsonNode json) {
        HttpServerRequest request = exchange.request;
        if (!json.path("messages").isArray()) {
            writeJson(request.response(), 400, errorBody(json.isMissingNode()
                    ? "the request body is not JSON" : "the request has no 'messages' array", "invalid_request_error"));
            return;
        }
        String stage = request.getHeader(STAGE_HEADER);
        String lastUser = RecordedRequest.lastUserMessage(json);
        Refusal refusal = refusal(stage, json.path("model").asText(null), lastUser, json);
        if (refusal != null) {
            writeJson(request.response(), 400, refusal.body());
            return;
        }
        ScriptedResponse response = choose(stage, json.path("model").asText(null), lastUser);
        if (response == null) {
            writeJson(request.response(), 400, errorBody("no rule of the script matches stage '" + stage
                    + "' and last user message '" + excerpt(lastUser) + "'; add a rule for it",
                    "invalid_request_error"));
            return;
        }
        exchange.response = response;
        exchange.requestJson = json;
        boolean serveNow;
        synchronized (lock) {
            if (exchange.finished) {
                return;
            }
            serveNow = script.capacity() == 0 || serving < script.capacity();
            if (serveNow) {
                serving++;
                exchange.holdsSlot = true;
            } else if (script.overflow() == Script.Overflow.QUEUE) {
                waiting.add(exchange);
            }
        }
        if (serveNow) {
            serve(exchange);
        } else if (script.overflow() == Script.Overflow.REJECT) {
            writeRateLimited(request.response(), new RateLimited(script.overflowRetryAfter(), RetryAfterFormat.SECONDS),
                    "the scripted server is at its capacity of " + script.capacity() + " concurrent requests");
        }
    }

    /** The 400 of the first matching rule when the request carries a field that rule refuses, else null. */
    private Refusal refusal(String stage, String model, String lastUser, JsonNode request) {
        for (ScriptRule rule : script.rules()) {
            if (rule.match(stage, model, lastUser) == null) {
                continue;
            }
            for (String field : rule.rejectedParameters()) {
                if (request.has(field)) {
                    return Refusal.of(field, request.get(field));
                }
            }
            return null;
        }
        return null;
    }

    private ScriptedResponse choose(String stage, String model, String lastUser) {
        List<ScriptRule> rules = script.rules();
        for (int i = 0; i < rules.size(); i++) {
            ScriptRule rule = rules.get(i);
            List<String> groups = rule.match(stage, model, lastUser);
            if (groups == null) {
                continue;
            }
            ReplyTemplate.Context context = new ReplyTemplate.Context(ruleMatches.get(i).incrementAndGet(), groups);
            ScriptedResponse chosen = null;
            if (rule.randomFault() != null) {
                double draw;
                synchronized (lock) {
                    draw = random.nextDouble();
                }
                if (draw < rule.randomFault().probability()) {
                    chosen = rule.randomFault().response();
                }
            }
            if (chosen == null) {
                chosen = rule.reply(ruleCursors.get(i).getAndIncrement());
            }
            try {
                return filled(chosen, context);
            } catch (ReplyTemplate.FillException e) {
                String message = "the template reply of script rule " + i + " ($.rules[" + i + "] in a script file)"
                        + " cannot be filled for request " + context.seq() + " of the rule: " + e.getMessage();
                LOG.error(message);
                return ScriptedResponse.httpError(500, message);
            }
        }
        return null;
    }

    /** {@code response} with the placeholders of its template completion filled for this request. */
    private static ScriptedResponse filled(ScriptedResponse response, ReplyTemplate.Context context) {
        return switch (response) {
            case Completion completion -> completion.filled(context);
            case TruncatedBody truncated -> new TruncatedBody(truncated.completion().filled(context));
            case Slow slow -> new Slow(slow.delay(), filled(slow.then(), context));
            case RateLimited rateLimited -> rateLimited;
            case HttpError error -> error;
            case MalformedBody malformed -> malformed;
        };
    }

    private void serve(Exchange exchange) {
        long delayMillis = script.latency().toMillis();
        ScriptedResponse response = exchange.response;
        while (response instanceof Slow slow) {
            delayMillis += slow.delay().toMillis();
            response = slow.then();
        }
        ScriptedResponse toWrite = response;
        if (delayMillis <= 0) {
            write(exchange, toWrite);
        } else {
            vertx.setTimer(delayMillis, id -> write(exchange, toWrite));
        }
    }

    private void write(Exchange exchange, ScriptedResponse response) {
        HttpServerResponse out = exchange.request.response();
        if (out.closed() || out.ended()) {
            return;
        }
        boolean stream = exchange.requestJson.path("stream").asBoolean(false);
        switch (response) {
            case Completion completion when stream -> writeStream(exchange, completion, false);
            case TruncatedBody truncated when stream -> writeStream(exchange, truncated.completion(), true);
            case Completion completion -> writeJson(out, 200, completionBody(completion, exchange.requestJson));
            case RateLimited rateLimited -> writeRateLimited(out, rateLimited, "rate limited by the script");
            case HttpError error -> writeJson(out, error.status(), errorBody(error.message(), "scripted_error"));
            case MalformedBody malformed -> out.setStatusCode(200).putHeader("content-type", "application/json")
                    .end(malformed.body());
            case TruncatedBody truncated -> writeTruncated(exchange, completionBody(truncated.completion(),
                    exchange.requestJson));
            case Slow slow -> throw new IllegalStateException("slow replies are unwrapped before writing");
        }
    }

    private void writeTruncated(Exchange exchange, ObjectNode body) {
        byte[] bytes = toBytes(body);
        HttpServerResponse out = exchange.request.response();
        out.setStatusCode(200).putHeader("content-type", "application/json")
                .putHeader("content-length", String.valueOf(bytes.length));
        out.write(Buffer.buffer(bytes).slice(0, bytes.length / 2))
                .onComplete(done -> exchange.request.connection().close());
    }

    private void writeRateLimited(HttpServerResponse out, RateLimited rateLimited, String message) {
        if (rateLimited.retryAfter() != null) {
            long millis = rateLimited.retryAfter().toMillis();
            String value = switch (rateLimited.format()) {
                case SECONDS -> String.valueOf((millis + 999) / 1000);
                case HTTP_DATE -> DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime
                        .ofInstant(Instant.ofEpochMilli(((System.currentTimeMillis() + millis + 999) / 1000) * 1000),
                                ZoneOffset.UTC));
            };
            out.putHeader("retry-after", value);
        }
        writeJson(out, 429, errorBody(message, "rate_limit_error"));
    }

    private ObjectNode completionBody(Completion completion, JsonNode request) {
        int choices = completion.samples() == SampleCount.HONOUR_N ? Math.max(1, request.path("n").asInt(1)) : 1;
        ObjectNode body = JSON.createObjectNode()
                .put("id", "chatcmpl-scripted-" + responseIds.incrementAndGet())
                .put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", request.path("model").asText(MODEL_ID));
        ArrayNode array = body.putArray("choices");
        for (int i = 0; i < choices; i++) {
            ObjectNode choice = array.addObject().put("index", i);
            ObjectNode message = choice.putObject("message").put("role", "assistant");
            message.put("content", wireContent(completion));
            String field = reasoningFieldOnWire(completion);
            if (field != null) {
                message.put(field, completion.reasoning());
            }
            choice.put("finish_reason", completion.finishReason());
        }
        body.set("usage", usageJson(completion, request, choices));
        return body;
    }

    /** The content as the server sends it: with the reasoning inline for the {@code <think>} shapes. */
    private static String wireContent(Completion completion) {
        if (completion.reasoning() == null) {
            return completion.content();
        }
        String content = completion.content() == null ? "" : completion.content();
        return switch (completion.reasoningField()) {
            case THINK -> "<think>\n" + completion.reasoning() + "\n</think>\n\n" + content;
            case THINK_UNOPENED -> completion.reasoning() + "\n</think>\n\n" + content;
            default -> completion.content();
        };
    }

    /** The message field that carries the reasoning, or null when it is inline, hidden or absent. */
    private static String reasoningFieldOnWire(Completion completion) {
        if (completion.reasoning() == null) {
            return null;
        }
        return switch (completion.reasoningField()) {
            case REASONING_CONTENT, REASONING -> completion.reasoningField().jsonName();
            case THINK, THINK_UNOPENED, HIDDEN -> null;
        };
    }

    private ObjectNode usageJson(Completion completion, JsonNode request, int choices) {
        ScriptedResponse.Usage usage = completion.usage() != null ? completion.usage() : estimateUsage(completion,
                request, choices);
        ObjectNode usageJson = JSON.createObjectNode()
                .put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("total_tokens", usage.promptTokens() + usage.completionTokens());
        if (usage.reasoningTokens() != null) {
            usageJson.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        }
        return usageJson;
    }

    /**
     * Streams {@code completion} as OpenAI-style SSE: a first chunk with the role, then the reasoning (in its
     * field, or inline as content for the {@code <think>} shapes) and the content in chunks of the script's size,
     * one choice after another (each chunk names its {@code index}), a last chunk per choice with its
     * {@code finish_reason}, a usage
     * chunk when {@code stream_options.include_usage} asks, and {@code data: [DONE]}. {@code cutHalfway} closes
     * the connection after half of the events, as a server that died mid-reply.
     */
    private void writeStream(Exchange exchange, Completion completion, boolean cutHalfway) {
        JsonNode request = exchange.requestJson;
        int choices = completion.samples() == SampleCount.HONOUR_N ? Math.max(1, request.path("n").asInt(1)) : 1;
        String id = "chatcmpl-scripted-" + responseIds.incrementAndGet();
        long created = System.currentTimeMillis() / 1000;
        String model = request.path("model").asText(MODEL_ID);
        int size = script.streaming().chunkChars();
        List<List<ObjectNode>> perChoice = new ArrayList<>();
        String field = reasoningFieldOnWire(completion);
        String content = wireContent(completion);
        for (int i = 0; i < choices; i++) {
            List<ObjectNode> deltas = new ArrayList<>();
            deltas.add(JSON.createObjectNode().put("role", "assistant").put("content", ""));
            if (field != null) {
                for (String piece : pieces(completion.reasoning(), size)) {
                    deltas.add(JSON.createObjectNode().put(field, piece));
                }
            }
            for (String piece : pieces(content == null ? "" : content, size)) {
                deltas.add(JSON.createObjectNode().put("content", piece));
            }
            perChoice.add(deltas);
        }
        List<String> events = new ArrayList<>();
        for (int i = 0; i < choices; i++) {
            List<ObjectNode> deltas = perChoice.get(i);
            for (int step = 0; step <= deltas.size(); step++) {
                ObjectNode chunk = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                        .put("created", created).put("model", model);
                ObjectNode choice = chunk.putArray("choices").addObject().put("index", i);
                if (step < deltas.size()) {
                    choice.set("delta", deltas.get(step));
                    choice.putNull("finish_reason");
                } else {
                    choice.putObject("delta");
                    choice.put("finish_reason", completion.finishReason());
                }
                events.add("data: " + new String(toBytes(chunk), StandardCharsets.UTF_8) + "\n\n");
            }
        }
        if (request.path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode chunk = JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                    .put("created", created).put("model", model);
            chunk.putArray("choices");
            chunk.set("usage", usageJson(completion, request, choices));
            events.add("data: " + new String(toBytes(chunk), StandardCharsets.UTF_8) + "\n\n");
        }
        events.add("data: [DONE]\n\n");
        HttpServerResponse out = exchange.request.response();
        out.setStatusCode(200).setChunked(true).putHeader("content-type", "text/event-stream")
                .putHeader("cache-control", "no-cache");
        int limit = cutHalfway ? events.size() / 2 : events.size();
        sendEvents(exchange, events, 0, limit, cutHalfway);
    }

    private void sendEvents(Exchange exchange, List<String> events, int next, int limit, boolean cut) {
        HttpServerResponse out = exchange.request.response();
        if (out.closed() || out.ended()) {
            return;
        }
        if (next >= limit) {
            if (cut) {
                exchange.request.connection().close();
            } else {
                out.end();
            }
            return;
        }
        long delay = script.streaming().chunkDelay().toMillis();
        if (delay <= 0) {
            StringBuilder all = new StringBuilder();
            for (int i = next; i < limit; i++) {
                all.append(events.get(i));
            }
            out.write(all.toString()).onComplete(done -> sendEvents(exchange, events, limit, limit, cut));
            return;
        }
        out.write(events.get(next)).onComplete(done -> vertx.setTimer(delay,
                id -> sendEvents(exchange, events, next + 1, limit, cut)));
    }

    private static List<String> pieces(String text, int size) {
        List<String> pieces = new ArrayList<>();
        for (int start = 0; start < text.length(); start += size) {
            pieces.add(text.substring(start, Math.min(text.length(), start + size)));
        }
        return pieces;
    }

    /**
     * A 400 for a request field the rule's model refuses, worded as OpenAI's API words it for reasoning models.
     * Not a scripted reply: made when a request is matched, never written in a script.
     */
    private record Refusal(ObjectNode body) {
        static Refusal of(String field, JsonNode value) {
            String message = switch (field) {
                case "max_tokens" -> "Unsupported parameter: 'max_tokens' is not supported with this model. Use "
                        + "'max_completion_tokens' instead.";
                case "temperature", "top_p" -> "Unsupported value: '" + field + "' does not support " + value
                        + " with this model. Only the default (1) value is supported.";
                default -> "Unsupported parameter: '" + field + "' is not supported with this model.";
            };
            ObjectNode body = JSON.createObjectNode();
            body.putObject("error").put("message", message).put("type", "invalid_request_error").put("param", field)
                    .put("code", field.equals("max_tokens") ? "unsupported_parameter" : "unsupported_value");
            return new Refusal(body);
        }
    }

    private static ScriptedResponse.Usage estimateUsage(Completion completion, JsonNode request, int choices) {
        int promptChars = 0;
        for (JsonNode message : request.path("messages")) {
            promptChars += message.path("content").asText("").length();
        }
        int reasoningTokens = completion.reasoning() == null ? 0 : tokens(completion.reasoning().length());
        int answerTokens = completion.content() == null ? 0 : tokens(completion.content().length());
        return new ScriptedResponse.Usage(tokens(promptChars), (answerTokens + reasoningTokens) * choices,
                completion.reasoning() == null ? null : reasoningTokens * choices);
    }

    private static int tokens(int chars) {
        return (chars + 3) / 4;
    }

    private void record(HttpServerRequest request, String body, JsonNode json) {
        if (script.recordLimit() == 0) {
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(entry -> headers
                .computeIfAbsent(entry.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(entry.getValue()));
        headers.replaceAll((name, values) -> List.copyOf(values));
        RecordedRequest recordedRequest = new RecordedRequest(Instant.now(), request.method().name(), request.path(),
                headers, body, json);
        synchronized (lock) {
            if (recorded.size() == script.recordLimit()) {
                recorded.removeFirst();
            }
            recorded.addLast(recordedRequest);
        }
    }

    private void releaseSlot() {
        Exchange next = null;
        synchronized (lock) {
            serving--;
            while (!waiting.isEmpty()) {
                Exchange candidate = waiting.poll();
                if (!candidate.finished) {
                    serving++;
                    candidate.holdsSlot = true;
                    next = candidate;
                    break;
                }
            }
        }
        if (next != null) {
            serve(next);
        }
    }

    private static void writeJson(HttpServerResponse out, int status, JsonNode body) {
        if (out.closed() || out.ended()) {
            return;
        }
        out.setStatusCode(status).putHeader("content-type", "application/json").end(Buffer.buffer(toBytes(body)));
    }

    private static ObjectNode errorBody(String message, String type) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type);
        return body;
    }

    private static byte[] toBytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parseOrMissing(String body) {
        if (body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String excerpt(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }

    /** One request in progress; gives back its open count and serving slot exactly once (fields guarded by lock). */
    private final class Exchange {
        final HttpServerRequest request;
        final boolean chat;
        boolean finished;
        boolean holdsSlot;
        volatile ScriptedResponse response;
        volatile JsonNode requestJson;

        Exchange(HttpServerRequest request, boolean chat) {
            this.request = request;
            this.chat = chat;
        }

        void finish() {
            boolean release;
            synchronized (lock) {
                if (finished) {
                    return;
                }
                finished = true;
                release = holdsSlot;
                if (!release) {
                    waiting.remove(this);
                }
            }
            if (chat) {
                openRequests.decrementAndGet();
            }
            if (release) {
                releaseSlot();
            }
        }
    }
}
