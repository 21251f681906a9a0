package io.synthsmith.llm;

/**
 * Sampling parameters of a chat-completions request. A null field is unset and is left out of the request, so
 * that each server applies its own default (servers differ in what they accept). {@code topK} and {@code minP}
 * are sent as extra body fields {@code top_k} and {@code min_p}, which vLLM and SGLang accept.
 *
 * @param temperature {@code temperature}, or null
 * @param topP        {@code top_p}, or null
 * @param topK        {@code top_k}, or null
 * @param minP        {@code min_p}, or null
 * @param maxTokens   {@code max_tokens}, or null
 */
public record SamplingParameters(Double temperature, Double topP, Integer topK, Double minP, Integer maxTokens) {

    /** Nothing set: every field is left to the server. */
    public static final SamplingParameters UNSET = new SamplingParameters(null, null, null, null, null);

    /** These parameters, with every field that {@code overrides} sets taken from it. */
    public SamplingParameters overriddenBy(SamplingParameters overrides) {
        return new SamplingParameters(
                overrides.temperature != null ? overrides.temperature : temperature,
                overrides.topP != null ? overrides.topP : topP,
                overrides.topK != null ? overrides.topK : topK,
                overrides.minP != null ? overrides.minP : minP,
                overrides.maxTokens != null ? overrides.maxTokens : maxTokens);
    }

    /** These parameters with {@code temperature} set. */
    public SamplingParameters withTemperature(double value) {
        return new SamplingParameters(value, topP, topK, minP, maxTokens);
    }

    /** These parameters with {@code top_p} set. */
    public SamplingParameters withTopP(double value) {
        return new SamplingParameters(temperature, value, topK, minP, maxTokens);
    }

    /** These parameters with {@code top_k} set. */
    public SamplingParameters withTopK(int value) {
        return new SamplingParameters(temperature, topP, value, minP, maxTokens);
    }

    /** These parameters with {@code min_p} set. */
    public SamplingParameters withMinP(double value) {
        return new SamplingParameters(temperature, topP, topK, value, maxTokens);
    }

    /** These parameters with {@code max_tokens} set. */
    public SamplingParameters withMaxTokens(int value) {
        return new SamplingParameters(temperature, topP, topK, minP, value);
    }
}
