package io.synthsmith.llm.settings;

/**
 * A stage's LLM configuration is missing or invalid. The message names the configuration key (and its
 * environment variable) to set, and what value was expected.
 */
public final class LlmSettingsException extends RuntimeException {

    private final String key;

    LlmSettingsException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The configuration key at fault, e.g. {@code synthsmith.solver.llm.model}. */
    public String key() {
        return key;
    }
}
