package io.synthsmith.llm;

import io.synthsmith.llm.settings.EndpointDialect;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static io.synthsmith.llm.ScriptedEndpoint.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dialect corpus (examples/dialects/llm-script.json, scripted replies, not a model) read through the client in
 * each family's preset: where the reasoning ends up, and that the OpenAI family refuses the generic request.
 */
class DialectCorpusTest {

    private static final Path CORPUS = Path.of("../../examples/dialects/llm-script.json");
    private static final ChatRequest LANTERNS = ChatRequest.of("You solve competitive programming tasks.",
            "# Task: Lantern Street Sums\n\nThe mayor of Lumen ...").withSamples(2)
            .withSampling(SamplingParameters.UNSET.withMaxTokens(32768).withTemperature(0.6).withTopP(0.95));

    private static Script corpus() throws Exception {
        String json = Files.readString(CORPUS).replaceFirst("\"description\": \"(?:[^\"\\\\]|\\\\.)*\",", "");
        return ScriptFile.parse(json, CORPUS.toString());
    }

    private static ChatResult ask(String model, String preset) throws Exception {
        try (var endpoint = ScriptedEndpoint.start(corpus(), model,
                b -> b.dialect(EndpointDialect.preset(preset)))) {
            return await(endpoint.client.chat(LANTERNS));
        }
    }

    @Test
    void eachFamilysReasoningLandsWhereItsPresetLooksForIt() throws Exception {
        ChatResult r1 = ask("deepseek-ai/DeepSeek-R1-0528", "vllm");
        ChatResult qwen3 = ask("Qwen/Qwen3-32B", "vllm");
        ChatResult gptOss = ask("openai/gpt-oss-120b", "vllm");
        ChatResult o4 = ask("o4-mini", "openai");
        ChatResult instruct = ask("Qwen/Qwen2.5-Coder-32B-Instruct", "vllm");

        assertThat(r1.choices()).hasSize(2).allSatisfy(c -> {
            assertThat(c.reasoning()).startsWith("Okay, let's see.").hasSizeBetween(1900, 2600);
            assertThat(c.answer()).contains("### Solution Code\n```python\n", "```text\n");
        });
        assertThat(qwen3.first().reasoning()).startsWith("Okay, let's tackle").hasSizeBetween(1900, 2600);
        assertThat(qwen3.first().answer()).doesNotContain("<think>", "</think>").contains("```bash\n");
        assertThat(gptOss.first().reasoning()).startsWith("We need to solve");
        assertThat(gptOss.first().answer()).startsWith("**Solution Explanation**");
        assertThat(o4.choices()).allSatisfy(c -> {
            assertThat(c.reasoning()).isEmpty();
            assertThat(c.reasoningHidden()).isTrue();
            assertThat(c.answer()).containsPattern(Pattern.compile("\n   ```python\n"));
        });
        assertThat(o4.usage().reasoningTokens()).hasValue(3700);
        assertThat(instruct.first().reasoning()).isEmpty();
        assertThat(instruct.first().reasoningHidden()).isFalse();
    }

    @Test
    void theOpenAiFamilyRefusesMaxTokensAndTemperatureAsTheRealApiDoes() throws Exception {
        try (var endpoint = ScriptedEndpoint.start(corpus(), "o4-mini", b -> b)) {
            assertThatThrownBy(() -> await(endpoint.client.chat(LANTERNS)))
                    .isInstanceOf(LlmException.Rejected.class)
                    .hasMessageContaining("max_completion_tokens");
        }
    }
}
