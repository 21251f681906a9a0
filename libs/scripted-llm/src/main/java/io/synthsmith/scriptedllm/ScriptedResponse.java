package io.synthsmith.scriptedllm;

import java.time.Duration;
import java.util.Objects;

/**
 * What the scripted server answers to one chat-completions request: a completion or an injected fault.
 * Build them with the static factories, e.g. {@code ScriptedResponse.completion("42").withReasoning("...")}
 * or {@code ScriptedResponse.rateLimited(Duration.ofSeconds(1))}.
 */
public sealed interface ScriptedResponse {

    /** A 200 reply with {@code content} as the answer of every choice. */
    static Completion completion(String content) {
        return new Completion(content, null, ReasoningField.REASONING_CONTENT, "stop", null, SampleCount.HONOUR_N,
                false);
    }

    /** A 429 reply carrying {@code Retry-After} in seconds (rounded up); {@code null} sends no header. */
    static RateLimited rateLimited(Duration retryAfter) {
        return new RateLimited(retryAfter, RetryAfterFormat.SECONDS);
    }

    /** A 429 reply carrying {@code Retry-After} as an HTTP date {@code retryAfter} from now. */
    static RateLimited rateLimitedUntil(Duration retryAfter) {
        return new RateLimited(retryAfter, RetryAfterFormat.HTTP_DATE);
    }

    /** An error reply with this status and an OpenAI-style error body carrying {@code message}. */
    static HttpError httpError(int status, String message) {
        return new HttpError(status, message);
    }

    /** A 200 reply whose body is not valid JSON. */
    static MalformedBody malformedBody() {
        return new MalformedBody("{\"id\": \"chatcmpl-scripted\", \"choices\": [ {\"index\": 0, \"message\": ");
    }

    /** A reply that announces the full length of {@code completion} but closes the connection halfway. */
    static TruncatedBody truncatedBody(Completion completion) {
        return new TruncatedBody(completion);
    }

    /** {@code then}, answered only after an extra {@code delay} (on top of the script's latency). */
    static Slow slow(Duration delay, ScriptedResponse then) {
        return new Slow(delay, then);
    }

    /** Where the reply carries the reasoning text: the shapes of real servers and models. */
    enum ReasoningField {
        /** {@code reasoning_content}, as vLLM (before 0.16) and SGLang reasoning parsers and DeepSeek send it. */
        REASONING_CONTENT("reasoning_content"),
        /** {@code reasoning}, as vLLM 0.16+ (gpt-oss among others), Ollama and some gateways send it. */
        REASONING("reasoning"),
        /** Inline at the start of the content, {@code <think>...</think>}, as Qwen3 served without a parser. */
        THINK("think"),
        /**
         * Inline, with only the closing {@code </think>}: the chat template opened the block in the prompt
         * (DeepSeek-R1, Qwen3-Thinking-2507 without a parser).
         */
        THINK_UNOPENED("think-unopened"),
        /**
         * Not sent at all, only counted: {@code usage.completion_tokens_details.reasoning_tokens}, as OpenAI and
         * Azure reasoning models answer.
         */
        HIDDEN("hidden");

        private final String jsonName;

        ReasoningField(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The field name in the reply JSON. */
        public String jsonName() {
            return jsonName;
        }
    }

    /** Whether a completion answers with as many choices as the request's {@code n} asks, or always one. */
    enum SampleCount {
        /** As many choices as {@code n} (1 when {@code n} is absent). */
        HONOUR_N,
        /** Always one choice, as servers that ignore {@code n} do. */
        IGNORE_N
    }

    /** How a 429 reply spells its {@code Retry-After} header. */
    enum RetryAfterFormat {
        /** Delta seconds, e.g. {@code Retry-After: 2}. */
        SECONDS,
        /** An RFC 1123 date, e.g. {@code Retry-After: Fri, 21 Nov 2025 09:21:00 GMT}. */
        HTTP_DATE
    }

    /** Token counts reported in the reply's {@code usage}; {@code reasoningTokens} may be null (not reported). */
    record Usage(int promptTokens, int completionTokens, Integer reasoningTokens) {
    }

    /**
     * A successful completion.
     *
     * @param content        the answer text of each choice (may contain {@code <think>} tags); null sends JSON null
     * @param reasoning      reasoning text sent in {@code reasoningField}, or null for none
     * @param reasoningField the message field that carries {@code reasoning}
     * @param finishReason   the {@code finish_reason} of each choice, e.g. {@code stop} or {@code length}
     * @param usage          reported token counts, or null to estimate them (about four characters per token)
     * @param samples        whether the number of choices follows the request's {@code n}
     * @param template       whether {@code content} and {@code reasoning} hold placeholders filled per request
     *                       ({@link #asTemplate()})
     */
    record Completion(String content, String reasoning, ReasoningField reasoningField, String finishReason,
                      Usage usage, SampleCount samples, boolean template) implements ScriptedResponse {

        public Completion {
            Objects.requireNonNull(reasoningField, "reasoningField");
            Objects.requireNonNull(finishReason, "finishReason");
            Objects.requireNonNull(samples, "samples");
            if (template) {
                checkSyntax(content, "content");
                checkSyntax(reasoning, "reasoning");
            }
        }

        /**
         * This completion as a template: its content and reasoning carry placeholders such as {@code {{seq}}} and
         * {@code {{match.1 * 2}}}, filled for each request (see the README's "Template replies"). Replies that are
         * not templates are sent exactly as written, <code>&#123;&#123;</code> included.
         *
         * @throws IllegalArgumentException when a placeholder is malformed
         */
        public Completion asTemplate() {
            return new Completion(content, reasoning, reasoningField, finishReason, usage, samples, true);
        }

        /** This completion with its placeholders filled from {@code context}; not a template any more. */
        Completion filled(ReplyTemplate.Context context) {
            if (!template) {
                return this;
            }
            return new Completion(fill(content, context), fill(reasoning, context), reasoningField, finishReason,
                    usage, samples, false);
        }

        private static void checkSyntax(String text, String field) {
            if (text == null) {
                return;
            }
            try {
                ReplyTemplate.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("template " + field + ": " + e.getMessage(), e);
            }
        }

        private static String fill(String text, ReplyTemplate.Context context) {
            return text == null ? null : ReplyTemplate.parse(text).fill(context);
        }

        /** This completion with reasoning text in the {@code reasoning_content} field. */
        public Completion withReasoning(String text) {
            return new Completion(content, text, reasoningField, finishReason, usage, samples, template);
        }

        /** This completion with its reasoning sent in {@code field}. */
        public Completion withReasoningField(ReasoningField field) {
            return new Completion(content, reasoning, field, finishReason, usage, samples, template);
        }

        /** This completion with another {@code finish_reason}, e.g. {@code length} for a truncated answer. */
        public Completion withFinishReason(String reason) {
            return new Completion(content, reasoning, reasoningField, reason, usage, samples, template);
        }

        /** This completion reporting exactly these token counts. */
        public Completion withUsage(int promptTokens, int completionTokens, Integer reasoningTokens) {
            return new Completion(content, reasoning, reasoningField, finishReason,
                    new Usage(promptTokens, completionTokens, reasoningTokens), samples, template);
        }

        /** This completion answering with one choice whatever {@code n} the request asks for. */
        public Completion ignoringN() {
            return new Completion(content, reasoning, reasoningField, finishReason, usage, SampleCount.IGNORE_N,
                    template);
        }
    }

    /** A 429 Too Many Requests reply; {@code retryAfter} null sends no {@code Retry-After} header. */
    record RateLimited(Duration retryAfter, RetryAfterFormat format) implements ScriptedResponse {
        public RateLimited {
            Objects.requireNonNull(format, "format");
        }
    }

    /** An error status (4xx or 5xx) with an OpenAI-style {@code {"error": {"message": ...}}} body. */
    record HttpError(int status, String message) implements ScriptedResponse {
        public HttpError {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("an HTTP error status is 400..599, not " + status);
            }
        }
    }

    /** A 200 reply with {@code body} verbatim as a JSON content type; meant to be broken JSON. */
    record MalformedBody(String body) implements ScriptedResponse {
        public MalformedBody {
            Objects.requireNonNull(body, "body");
        }
    }

    /** The reply of {@code completion}, cut after half of its bytes by closing the connection. */
    record TruncatedBody(Completion completion) implements ScriptedResponse {
        public TruncatedBody {
            Objects.requireNonNull(completion, "completion");
        }
    }

    /** {@code then} after an extra {@code delay}, to run past a client's timeout. */
    record Slow(Duration delay, ScriptedResponse then) implements ScriptedResponse {
        public Slow {
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(then, "then");
        }
    }
}
