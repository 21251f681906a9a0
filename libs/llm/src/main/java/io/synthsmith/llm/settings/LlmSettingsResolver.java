package io.synthsmith.llm.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthsmith.llm.SamplingParameters;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a stage's {@link LlmEndpointSettings} from MicroProfile Config. Each key is looked up as
 * {@code synthsmith.<stage>.llm.<key>}, then as the global {@code synthsmith.llm.<key>}, then falls back to its
 * default. MicroProfile Config maps environment variables onto these names, so {@code SYNTHSMITH_LLM_MODEL} sets
 * the model of every stage and {@code SYNTHSMITH_SOLVER_LLM_MODEL} that of the {@code solver} stage.
 *
 * <p>Keys: {@code base-url} and {@code model} (required), {@code api-key}, {@code temperature}, {@code top-p},
 * {@code top-k}, {@code min-p}, {@code max-tokens}, {@code n}, {@code extra-body} (a JSON object),
 * {@code timeout}, {@code max-concurrency}, {@code max-attempts}, {@code retry-budget}, {@code backoff-base},
 * {@code backoff-max}, and the endpoint's dialect: {@code dialect} (a preset), {@code reasoning},
 * {@code token-limit-field}, {@code send-temperature}, {@code supports-n}, {@code stream}, {@code stream-idle-timeout},
 * {@code api-key-header}, {@code api-version}, {@code model-dialects}. Durations read {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}, a number of seconds,
 * or ISO-8601 ({@code PT30S}).
 */
public final class LlmSettingsResolver {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LlmSettingsResolver() {
    }

    /**
     * The settings of {@code stage} (e.g. {@code solver}, {@code task-evolver}).
     *
     * @throws LlmSettingsException when a required key is missing or a value does not parse; the message names the
     *                              key and its environment variable
     */
    public static LlmEndpointSettings resolve(Config config, String stage) {
        Lookup lookup = new Lookup(config, stage);
        String baseUrl = lookup.required("base-url", "the OpenAI-compatible base URL, e.g. http://localhost:8000/v1");
        String model = lookup.required("model", "the model name the endpoint serves, e.g. deepseek-ai/DeepSeek-R1");
        SamplingParameters sampling = new SamplingParameters(
                lookup.optional("temperature", Double::valueOf, "a number such as 0.7").orElse(null),
                lookup.optional("top-p", Double::valueOf, "a number such as 0.95").orElse(null),
                lookup.optional("top-k", Integer::valueOf, "a whole number such as 20").orElse(null),
                lookup.optional("min-p", Double::valueOf, "a number such as 0.05").orElse(null),
                lookup.optional("max-tokens", Integer::valueOf, "a whole number such as 32768").orElse(null));
        try {
            return LlmEndpointSettings.builder(stage, baseUrl, model)
                    .apiKey(lookup.optional("api-key", Function.identity(), "a key").orElse(null))
                    .sampling(sampling)
                    .samples(lookup.optional("n", Integer::valueOf, "a whole number >= 1").orElse(1))
                    .extraBody(lookup.optional("extra-body", LlmSettingsResolver::jsonObject,
                            "a JSON object such as {\"chat_template_kwargs\": {\"enable_thinking\": true}}")
                            .orElse(Map.of()))
                    .timeout(lookup.optional("timeout", LlmSettingsResolver::duration, "a duration such as 10m")
                            .orElse(LlmEndpointSettings.DEFAULT_TIMEOUT))
                    .maxConcurrency(lookup.optional("max-concurrency", Integer::valueOf, "a whole number >= 1")
                            .orElse(LlmEndpointSettings.DEFAULT_MAX_CONCURRENCY))
                    .retries(lookup.optional("max-attempts", Integer::valueOf, "a whole number >= 1")
                                    .orElse(LlmEndpointSettings.DEFAULT_MAX_ATTEMPTS),
                            lookup.optional("retry-budget", LlmSettingsResolver::duration, "a duration such as 30m")
                                    .orElse(LlmEndpointSettings.DEFAULT_RETRY_BUDGET))
                    .backoff(lookup.optional("backoff-base", LlmSettingsResolver::duration, "a duration such as 1s")
                                    .orElse(LlmEndpointSettings.DEFAULT_BACKOFF_BASE),
                            lookup.optional("backoff-max", LlmSettingsResolver::duration, "a duration such as 60s")
                                    .orElse(LlmEndpointSettings.DEFAULT_BACKOFF_MAX))
                    .dialect(dialect(lookup))
                    .streamIdleTimeout(lookup.optional("stream-idle-timeout", LlmSettingsResolver::duration,
                            "a duration such as 2m").orElse(LlmEndpointSettings.DEFAULT_STREAM_IDLE_TIMEOUT))
                    .modelDialects(lookup.optional("model-dialects", EndpointDialect::parseModelDialects,
                            "model=preset pairs such as o4-mini=openai,qwen3=vllm").orElse(Map.of()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new LlmSettingsException(Lookup.stageKey(stage, "*"), "invalid LLM settings for stage '" + stage
                    + "': " + e.getMessage() + " (keys synthsmith." + stage + ".llm.* or synthsmith.llm.*)");
        }
    }

    /** The preset named by {@code dialect} (default {@code generic}) with each part overridden by its own key. */
    private static EndpointDialect dialect(Lookup lookup) {
        EndpointDialect dialect = lookup.optional("dialect", EndpointDialect::preset,
                "one of " + EndpointDialect.PRESETS).orElse(EndpointDialect.GENERIC);
        dialect = lookup.optional("reasoning", EndpointDialect.ReasoningSource::parse,
                "auto, reasoning_content, reasoning, think, hidden or none").map(dialect::withReasoning).orElse(dialect);
        dialect = lookup.optional("token-limit-field", EndpointDialect.TokenLimit::parse,
                "max_tokens or max_completion_tokens").map(dialect::withTokenLimit).orElse(dialect);
        dialect = lookup.optional("send-temperature", LlmSettingsResolver::bool, "true or false")
                .map(dialect::withTemperature).orElse(dialect);
        dialect = lookup.optional("supports-n", LlmSettingsResolver::bool, "true or false")
                .map(dialect::withN).orElse(dialect);
        dialect = lookup.optional("stream", LlmSettingsResolver::bool, "true or false")
                .map(dialect::withStream).orElse(dialect);
        dialect = lookup.optional("api-key-header", EndpointDialect.ApiKeyHeader::parse, "bearer or api-key")
                .map(dialect::withApiKeyHeader).orElse(dialect);
        return lookup.optional("api-version", Function.identity(), "a version such as 2024-10-21")
                .map(dialect::withApiVersion).orElse(dialect);
    }

    private static Boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    /** The environment variable MicroProfile Config maps onto {@code key}, e.g. {@code SYNTHSMITH_LLM_BASE_URL}. */
    public static String environmentVariable(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static Duration duration(String text) {
        Matcher simple = SIMPLE_DURATION.matcher(text.trim());
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            String unit = simple.group(2) == null ? "s" : simple.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration", e);
        }
    }

    private static Map<String, Object> jsonObject(String text) {
        try {
            return JSON.readValue(text, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** Looks keys up stage first, then globally, naming both (and their environment variables) in errors. */
    private record Lookup(Config config, String stage) {

        static String stageKey(String stage, String key) {
            return "synthsmith." + stage + ".llm." + key;
        }

        static String globalKey(String key) {
            return "synthsmith.llm." + key;
        }

        String required(String key, String what) {
            return raw(key).map(Found::value).orElseThrow(() -> new LlmSettingsException(stageKey(stage, key),
                    "no " + key + " configured for the LLM of stage '" + stage + "': set " + globalKey(key)
                            + " (env " + environmentVariable(globalKey(key)) + ") for every stage, or "
                            + stageKey(stage, key) + " (env " + environmentVariable(stageKey(stage, key))
                            + ") for this one; expected " + what));
        }

        <T> Optional<T> optional(String key, Function<String, T> parser, String expected) {
            return raw(key).map(found -> {
                try {
                    return parser.apply(found.value().trim());
                } catch (IllegalArgumentException e) {
                    String shown = key.equals("api-key") ? "<redacted>" : "'" + found.value() + "'";
                    throw new LlmSettingsException(found.key(), found.key() + " (env "
                            + environmentVariable(found.key()) + ") is " + shown + ", expected " + expected);
                }
            });
        }

        private Optional<Found> raw(String key) {
            String stageKey = stageKey(stage, key);
            Optional<String> value = config.getOptionalValue(stageKey, String.class).filter(v -> !v.isBlank());
            if (value.isPresent()) {
                return Optional.of(new Found(stageKey, value.get()));
            }
            String globalKey = globalKey(key);
            return config.getOptionalValue(globalKey, String.class).filter(v -> !v.isBlank())
                    .map(v -> new Found(globalKey, v));
        }
    }

    private record Found(String key, String value) {
    }
}
