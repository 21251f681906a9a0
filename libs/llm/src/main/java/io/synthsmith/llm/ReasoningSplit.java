package io.synthsmith.llm;

/**
 * Separates reasoning from the answer. Reasoning comes in a {@code reasoning_content} or {@code reasoning} field,
 * or inline as a {@code <think>...</think>} block at the start of the content. Templates that open
 * {@code <think>} in the prompt (DeepSeek-R1) make the content start inside it, with only {@code </think>};
 * a {@code <think>} never closed (the token limit hit during reasoning) leaves no answer.
 *
 * @param answer    the content without the reasoning block
 * @param reasoning the reasoning text, empty when none
 */
record ReasoningSplit(String answer, String reasoning) {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    static ReasoningSplit of(String content, String reasoningField) {
        String text = content == null ? "" : content;
        String fieldReasoning = reasoningField == null ? "" : reasoningField.strip();
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
