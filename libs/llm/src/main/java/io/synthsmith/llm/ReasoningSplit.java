package io.synthsmith.llm;

import io.synthsmith.llm.settings.EndpointDialect.ReasoningSource;

/**
 * Separates reasoning from the answer. Reasoning comes in a {@code reasoning_content} or {@code reasoning} field,
 * or inline as a {@code <think>...</think>} block at the start of the content. Templates that open
 * {@code <think>} in the prompt (DeepSeek-R1, Qwen3) make the content start inside it, with only {@code </think>};
 * a {@code <think>} never closed (the token limit hit during reasoning) leaves no answer. Endpoints whose reasoning
 * is hidden, or models that do not reason, have their content taken as the answer as it is.
 *
 * @param answer    the content without the reasoning block
 * @param reasoning the reasoning text, empty when none
 */
record ReasoningSplit(String answer, String reasoning) {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    static ReasoningSplit of(String content, String reasoningField) {
        return of(content, reasoningField, null, ReasoningSource.AUTO);
    }

    /**
     * The split of a message under {@code source}: {@code reasoningContent} and {@code reasoningText} are the
     * message's {@code reasoning_content} and {@code reasoning} fields (null when absent).
     */
    static ReasoningSplit of(String content, String reasoningContent, String reasoningText, ReasoningSource source) {
        String text = content == null ? "" : content;
        String field = switch (source) {
            case AUTO -> reasoningContent != null && !reasoningContent.isBlank() ? reasoningContent : reasoningText;
            case REASONING_CONTENT -> reasoningContent;
            case REASONING -> reasoningText;
            case THINK, HIDDEN, NONE -> null;
        };
        if (source == ReasoningSource.HIDDEN || source == ReasoningSource.NONE) {
            return new ReasoningSplit(text, "");
        }
        String fieldReasoning = field == null ? "" : field.strip();
        String leading = text.stripLeading();
        if (leading.startsWith(OPEN)) {
            int close = leading.indexOf(CLOSE);
            String inline = close < 0 ? leading.substring(OPEN.length()) : leading.substring(OPEN.length(), close);
            String answer = close < 0 ? "" : leading.substring(close + CLOSE.length()).strip();
            return new ReasoningSplit(answer, join(fieldReasoning, inline.strip()));
        }
        int close = text.indexOf(CLOSE);
        if (close >= 0 && !text.substring(0, close).contains(OPEN)) {
            return new ReasoningSplit(text.substring(close + CLOSE.length()).strip(),
                    join(fieldReasoning, text.substring(0, close).strip()));
        }
        return new ReasoningSplit(text, fieldReasoning);
    }

    private static String join(String first, String second) {
        if (first.isEmpty()) {
            return second;
        }
        return second.isEmpty() ? first : first + "\n" + second;
    }
}
