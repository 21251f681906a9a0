package io.synthsmith.llm.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one OpenAI-compatible endpoint speaks: where a reply's reasoning comes from, which request parameters it
 * accepts, whether replies stream, and how the API key is sent. Servers differ in each of these; a preset
 * ({@link #preset(String)}) names the usual combination of a server, and each part can be overridden in
 * configuration.
 *
 * @param name         the preset this dialect started from, for logs and errors
 * @param reasoning    where the reasoning text of a reply is
 * @param tokenLimit   the request field that carries the stage's {@code max-tokens}
 * @param temperature  whether {@code temperature} and {@code top_p} are sent (OpenAI reasoning models refuse
 *                     any value but the default with a 400)
 * @param samplerExtras whether {@code top_k} and {@code min_p} are sent (vLLM and SGLang accept them)
 * @param n            whether the endpoint honours {@code n}; when not, choices are asked with parallel requests
 * @param stream       whether replies are streamed (SSE), so that only a pause between chunks times out
 * @param apiKeyHeader how the API key is sent
 * @param apiVersion   the {@code api-version} query parameter (Azure OpenAI's dated APIs), if any
 */
public record EndpointDialect(String name, ReasoningSource reasoning, TokenLimit tokenLimit, boolean temperature,
                              boolean samplerExtras, boolean n, boolean stream, ApiKeyHeader apiKeyHeader,
                              Optional<String> apiVersion) {

    /** The preset names, in the order the README lists them. */
    public static final List<String> PRESETS = List.of("generic", "vllm", "sglang", "ollama", "openai",
            "azure-openai");

    /** What a client does without a configured dialect: everything sent, reasoning wherever found, no streaming. */
    public static final EndpointDialect GENERIC = new EndpointDialect("generic", ReasoningSource.AUTO,
            TokenLimit.MAX_TOKENS, true, true, true, false, ApiKeyHeader.BEARER, Optional.empty());

    public EndpointDialect {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(tokenLimit, "tokenLimit");
        Objects.requireNonNull(apiKeyHeader, "apiKeyHeader");
        Objects.requireNonNull(apiVersion, "apiVersion");
    }

    /**
     * The preset {@code name}: {@code generic}, {@code vllm}, {@code sglang}, {@code ollama}, {@code openai} or
     * {@code azure-openai} (see libs/llm/README.md for what each sets and why).
     *
     * @throws IllegalArgumentException naming the presets when {@code name} is none of them
     */
    public static EndpointDialect preset(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "generic" -> GENERIC;
            // reasoning parsers put it in reasoning_content (vLLM < 0.16) or reasoning; without one, <think> inline
            case "vllm" -> new EndpointDialect("vllm", ReasoningSource.AUTO, TokenLimit.MAX_TOKENS, true, true, true,
                    true, ApiKeyHeader.BEARER, Optional.empty());
            case "sglang" -> new EndpointDialect("sglang", ReasoningSource.AUTO, TokenLimit.MAX_TOKENS, true, true,
                    true, true, ApiKeyHeader.BEARER, Optional.empty());
            // Ollama's OpenAI layer answers one choice whatever n says and knows neither top_k nor min_p there
            case "ollama" -> new EndpointDialect("ollama", ReasoningSource.AUTO, TokenLimit.MAX_TOKENS, true, false,
                    false, true, ApiKeyHeader.BEARER, Optional.empty());
            // o-series and GPT-5 reasoning models: reasoning hidden, max_tokens and temperature refused with a 400
            case "openai" -> new EndpointDialect("openai", ReasoningSource.HIDDEN, TokenLimit.MAX_COMPLETION_TOKENS,
                    false, false, true, true, ApiKeyHeader.BEARER, Optional.empty());
            case "azure-openai" -> new EndpointDialect("azure-openai", ReasoningSource.HIDDEN,
                    TokenLimit.MAX_COMPLETION_TOKENS, false, false, true, true, ApiKeyHeader.API_KEY,
                    Optional.empty());
            default -> throw new IllegalArgumentException("unknown LLM endpoint dialect '" + name
                    + "'; the presets are " + PRESETS);
        };
    }

    /** Whether replies of this endpoint carry reasoning text (so that a reasoning-length gate means something). */
    public boolean returnsReasoning() {
        return reasoning != ReasoningSource.HIDDEN && reasoning != ReasoningSource.NONE;
    }

    /** This dialect with its reasoning source replaced. */
    public EndpointDialect withReasoning(ReasoningSource source) {
        return new EndpointDialect(name, source, tokenLimit, temperature, samplerExtras, n, stream, apiKeyHeader,
                apiVersion);
    }

    /** This dialect with its token-limit field replaced. */
    public EndpointDialect withTokenLimit(TokenLimit field) {
        return new EndpointDialect(name, reasoning, field, temperature, samplerExtras, n, stream, apiKeyHeader,
                apiVersion);
    }

    /** This dialect sending (or not) {@code temperature} and {@code top_p}. */
    public EndpointDialect withTemperature(boolean send) {
        return new EndpointDialect(name, reasoning, tokenLimit, send, samplerExtras, n, stream, apiKeyHeader,
                apiVersion);
    }

    /** This dialect with {@code n} honoured or not. */
    public EndpointDialect withN(boolean honoured) {
        return new EndpointDialect(name, reasoning, tokenLimit, temperature, samplerExtras, honoured, stream,
                apiKeyHeader, apiVersion);
    }

    /** This dialect streaming or not. */
    public EndpointDialect withStream(boolean streamed) {
        return new EndpointDialect(name, reasoning, tokenLimit, temperature, samplerExtras, n, streamed,
                apiKeyHeader, apiVersion);
    }

    /** This dialect sending the key in {@code header}. */
    public EndpointDialect withApiKeyHeader(ApiKeyHeader header) {
        return new EndpointDialect(name, reasoning, tokenLimit, temperature, samplerExtras, n, stream, header,
                apiVersion);
    }

    /** This dialect with an {@code api-version} query parameter (null or blank for none). */
    public EndpointDialect withApiVersion(String version) {
        return new EndpointDialect(name, reasoning, tokenLimit, temperature, samplerExtras, n, stream, apiKeyHeader,
                Optional.ofNullable(version).filter(v -> !v.isBlank()));
    }

    /** Where a reply's reasoning text is. */
    public enum ReasoningSource {
        /** {@code reasoning_content}, else {@code reasoning}, else a {@code <think>} block in the content. */
        AUTO("auto"),
        /** The message's {@code reasoning_content} field (DeepSeek's API, vLLM before 0.16, SGLang). */
        REASONING_CONTENT("reasoning_content"),
        /** The message's {@code reasoning} field (vLLM 0.16+, gpt-oss, Ollama, OpenRouter). */
        REASONING("reasoning"),
        /** A {@code <think>...</think>} block in the content (Qwen3 or R1 served without a reasoning parser). */
        THINK("think"),
        /** The model reasons but the endpoint returns no text of it, only its token count (OpenAI, Azure). */
        HIDDEN("hidden"),
        /** The model does not reason (instruct models): nothing is looked for. */
        NONE("none");

        private final String wire;

        ReasoningSource(String wire) {
            this.wire = wire;
        }

        /** The configuration value. */
        public String wire() {
            return wire;
        }

        /** The source for a configuration value. */
        public static ReasoningSource parse(String value) {
            return Arrays.stream(values()).filter(v -> v.wire.equals(value.strip().toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown reasoning source '" + value
                            + "'; expected one of " + Arrays.stream(values()).map(ReasoningSource::wire).toList()));
        }
    }

    /** The request field of the completion token limit. */
    public enum TokenLimit {
        /** {@code max_tokens}: vLLM, SGLang, Ollama, older OpenAI chat models. */
        MAX_TOKENS("max_tokens"),
        /** {@code max_completion_tokens}: OpenAI and Azure (reasoning models refuse {@code max_tokens}). */
        MAX_COMPLETION_TOKENS("max_completion_tokens");

        private final String field;

        TokenLimit(String field) {
            this.field = field;
        }

        /** The JSON field name. */
        public String field() {
            return field;
        }

        /** The field for a configuration value. */
        public static TokenLimit parse(String value) {
            return Arrays.stream(values()).filter(v -> v.field.equals(value.strip().toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown token limit field '" + value
                            + "'; expected max_tokens or max_completion_tokens"));
        }
    }

    /** How the API key travels. */
    public enum ApiKeyHeader {
        /** {@code Authorization: Bearer <key>}. */
        BEARER,
        /** {@code api-key: <key>} (Azure OpenAI keys). */
        API_KEY;

        /** The header for a configuration value ({@code bearer} or {@code api-key}). */
        public static ApiKeyHeader parse(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "bearer", "authorization" -> BEARER;
                case "api-key" -> API_KEY;
                default -> throw new IllegalArgumentException("unknown API key header '" + value
                        + "'; expected bearer or api-key");
            };
        }
    }

    /** Parses {@code model=preset,model2=preset2} (whitespace ignored) into a map of model to preset. */
    public static Map<String, EndpointDialect> parseModelDialects(String text) {
        Map<String, EndpointDialect> dialects = new java.util.LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.lastIndexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException("'" + entry.strip() + "' is not model=preset");
            }
            dialects.put(entry.substring(0, equals).strip(), preset(entry.substring(equals + 1)));
        }
        return Map.copyOf(dialects);
    }
}
