package io.synthsmith.llm.settings;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.synthsmith.llm.SamplingParameters;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LlmSettingsResolverTest {

    @Test
    void environmentVariablesGiveGlobalDefaultsAndStageOverrides() {
        Config config = config(Map.of(), Map.of(
                "SYNTHSMITH_LLM_BASE_URL", "http://vllm:8000/v1/",
                "SYNTHSMITH_LLM_API_KEY", "sk-global",
                "SYNTHSMITH_LLM_MODEL", "Qwen/Qwen3-8B",
                "SYNTHSMITH_SOLVER_LLM_MODEL", "deepseek-ai/DeepSeek-R1-0528",
                "SYNTHSMITH_SOLVER_LLM_N", "8",
                "SYNTHSMITH_SOLVER_LLM_TEMPERATURE", "0.6",
                "SYNTHSMITH_TASK_EVOLVER_LLM_TOP_K", "20"));

        LlmEndpointSettings solver = LlmSettingsResolver.resolve(config, "solver");
        LlmEndpointSettings evolver = LlmSettingsResolver.resolve(config, "task-evolver");

        assertThat(solver.baseUrl()).isEqualTo("http://vllm:8000/v1");
        assertThat(solver.chatCompletionsUrl()).isEqualTo("http://vllm:8000/v1/chat/completions");
        assertThat(solver.apiKey()).hasValue("sk-global");
        assertThat(solver.model()).isEqualTo("deepseek-ai/DeepSeek-R1-0528");
        assertThat(solver.samples()).isEqualTo(8);
        assertThat(solver.sampling().temperature()).isEqualTo(0.6);
        assertThat(solver.sampling().topK()).isNull();
        assertThat(evolver.model()).isEqualTo("Qwen/Qwen3-8B");
        assertThat(evolver.samples()).isEqualTo(1);
        assertThat(evolver.sampling().topK()).isEqualTo(20);
        assertThat(evolver.sampling().temperature()).isNull();
    }

    @Test
    void aDialectPresetWithItsPartsOverriddenAndModelDialectsFromTheEnvironment() {
        Config config = config(Map.of(), Map.of(
                "SYNTHSMITH_LLM_BASE_URL", "https://contoso.openai.azure.com/openai/deployments/o4-mini",
                "SYNTHSMITH_LLM_MODEL", "o4-mini",
                "SYNTHSMITH_LLM_DIALECT", "azure-openai",
                "SYNTHSMITH_LLM_API_VERSION", "2024-10-21",
                "SYNTHSMITH_LLM_STREAM_IDLE_TIMEOUT", "90s",
                "SYNTHSMITH_SOLVER_LLM_DIALECT", "vllm",
                "SYNTHSMITH_SOLVER_LLM_SUPPORTS_N", "false",
                "SYNTHSMITH_SOLVER_LLM_MODEL_DIALECTS", "o4-mini=openai,Qwen/Qwen3-32B=sglang"));

        LlmEndpointSettings evolver = LlmSettingsResolver.resolve(config, "task-evolver");
        LlmEndpointSettings solver = LlmSettingsResolver.resolve(config, "solver");

        assertThat(evolver.dialect().name()).isEqualTo("azure-openai");
        assertThat(evolver.dialect().apiKeyHeader()).isEqualTo(EndpointDialect.ApiKeyHeader.API_KEY);
        assertThat(evolver.chatCompletionsUrl()).endsWith("/o4-mini/chat/completions?api-version=2024-10-21");
        assertThat(evolver.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(solver.dialect().name()).isEqualTo("vllm");
        assertThat(solver.dialect().n()).isFalse();
        assertThat(solver.modelDialect().name()).as("o4-mini is named in model-dialects").isEqualTo("openai");
        assertThat(solver.withModel("Qwen/Qwen3-32B").modelDialect().name()).isEqualTo("sglang");
        assertThat(solver.withModel("other").modelDialect().n()).isFalse();
        assertThat(catchThrowableOfType(LlmSettingsException.class, () -> LlmSettingsResolver.resolve(
                config(Map.of(), Map.of("SYNTHSMITH_LLM_BASE_URL", "http://x/v1", "SYNTHSMITH_LLM_MODEL", "m",
                        "SYNTHSMITH_LLM_DIALECT", "llama.cpp")), "solver")).getMessage())
                .contains("SYNTHSMITH_LLM_DIALECT", "vllm", "azure-openai");
    }

    @Test
    void unsetKeysTakeTheirDefaultsAndDurationsReadSeveralSpellings() {
        Config config = config(Map.of(
                "synthsmith.llm.base-url", "https://api.openai.com/v1",
                "synthsmith.llm.model", "gpt-4.1-mini",
                "synthsmith.solver.llm.timeout", "90s",
                "synthsmith.solver.llm.retry-budget", "PT2M",
                "synthsmith.solver.llm.backoff-base", "250ms",
                "synthsmith.solver.llm.max-concurrency", "16",
                "synthsmith.solver.llm.extra-body", "{\"chat_template_kwargs\": {\"enable_thinking\": true}}"),
                Map.of());

        LlmEndpointSettings solver = LlmSettingsResolver.resolve(config, "solver");
        LlmEndpointSettings dedup = LlmSettingsResolver.resolve(config, "dedup");

        assertThat(solver.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(solver.retryBudget()).isEqualTo(Duration.ofMinutes(2));
        assertThat(solver.backoffBase()).isEqualTo(Duration.ofMillis(250));
        assertThat(solver.maxConcurrency()).isEqualTo(16);
        assertThat(solver.extraBody()).containsEntry("chat_template_kwargs", Map.of("enable_thinking", true));
        assertThat(dedup.apiKey()).isEmpty();
        assertThat(dedup.timeout()).isEqualTo(LlmEndpointSettings.DEFAULT_TIMEOUT);
        assertThat(dedup.maxConcurrency()).isEqualTo(LlmEndpointSettings.DEFAULT_MAX_CONCURRENCY);
        assertThat(dedup.maxAttempts()).isEqualTo(LlmEndpointSettings.DEFAULT_MAX_ATTEMPTS);
        assertThat(dedup.sampling()).isEqualTo(SamplingParameters.UNSET);
    }

    @Test
    void aMissingBaseUrlOrModelNamesTheKeysAndEnvironmentVariablesToSet() {
        LlmSettingsException noUrl = catchThrowableOfType(LlmSettingsException.class,
                () -> LlmSettingsResolver.resolve(config(Map.of("synthsmith.llm.model", "m"), Map.of()), "solver"));
        LlmSettingsException noModel = catchThrowableOfType(LlmSettingsException.class,
                () -> LlmSettingsResolver.resolve(config(Map.of("synthsmith.llm.base-url", "http://h/v1"), Map.of()),
                        "solver"));

        assertThat(noUrl.key()).isEqualTo("synthsmith.solver.llm.base-url");
        assertThat(noUrl.getMessage()).contains("synthsmith.llm.base-url", "SYNTHSMITH_LLM_BASE_URL",
                "SYNTHSMITH_SOLVER_LLM_BASE_URL", "stage 'solver'");
        assertThat(noModel.getMessage()).contains("SYNTHSMITH_LLM_MODEL", "synthsmith.solver.llm.model");
    }

    @Test
    void anUnparsableValueNamesItsKeyAndWhatWasExpected() {
        Config config = config(Map.of("synthsmith.llm.base-url", "http://h/v1", "synthsmith.llm.model", "m",
                "synthsmith.solver.llm.temperature", "warm"), Map.of());

        LlmSettingsException error = catchThrowableOfType(LlmSettingsException.class,
                () -> LlmSettingsResolver.resolve(config, "solver"));

        assertThat(error.key()).isEqualTo("synthsmith.solver.llm.temperature");
        assertThat(error.getMessage()).contains("SYNTHSMITH_SOLVER_LLM_TEMPERATURE", "'warm'", "a number");
    }

    @Test
    void anInvalidBaseUrlSaysWhatAUrlLooksLike() {
        Config config = config(Map.of("synthsmith.llm.base-url", "localhost:8000", "synthsmith.llm.model", "m"),
                Map.of());

        LlmSettingsException error = catchThrowableOfType(LlmSettingsException.class,
                () -> LlmSettingsResolver.resolve(config, "solver"));

        assertThat(error.getMessage()).contains("http://", "localhost:8000", "stage 'solver'");
    }

    private static Config config(Map<String, String> properties, Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test properties", 100))
                .withSources(new EnvConfigSource(environment, 300))
                .build();
    }
}
