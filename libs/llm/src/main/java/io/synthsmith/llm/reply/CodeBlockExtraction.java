package io.synthsmith.llm.reply;

import java.util.List;

/**
 * The outcome of looking for the code block of a language in a reply: {@link Found}, {@link None},
 * {@link OtherLanguages} or {@link Unterminated}.
 */
public sealed interface CodeBlockExtraction {

    /** What happened, for a person (and for a rejection reason). */
    String describe();

    /** The block, or a {@link ReplyFormatException} that says why there is none. */
    default Found orThrow() {
        if (this instanceof Found found) {
            return found;
        }
        throw new ReplyFormatException(describe());
    }

    /**
     * The complete block chosen.
     *
     * @param language its language tag as written (e.g. {@code python}), empty when untagged
     * @param code     its content, each line ending in a newline
     * @param line     the 1-based line of its opening fence
     */
    record Found(String language, String code, int line) implements CodeBlockExtraction {
        @Override
        public String describe() {
            return "one " + tag(language) + " code block at line " + line;
        }
    }

    /** The reply has no fenced code block. */
    record None() implements CodeBlockExtraction {
        @Override
        public String describe() {
            return "the reply has no fenced code block; expected one (```python ... ```)";
        }
    }

    /**
     * The reply has fenced blocks, none of them code in the requested language.
     *
     * @param wanted    the language asked for
     * @param languages the language tag of each block, in order (empty when untagged)
     * @param lines     the 1-based line of each block's opening fence
     */
    record OtherLanguages(String wanted, List<String> languages, List<Integer> lines) implements CodeBlockExtraction {
        public OtherLanguages {
            languages = List.copyOf(languages);
            lines = List.copyOf(lines);
        }

        @Override
        public String describe() {
            StringBuilder blocks = new StringBuilder();
            for (int i = 0; i < languages.size(); i++) {
                blocks.append(i == 0 ? "" : ", ").append(tag(languages.get(i))).append(" at line ")
                        .append(lines.get(i));
            }
            return "the reply has " + languages.size() + " code block" + (languages.size() == 1 ? "" : "s") + " ("
                    + blocks + "), none of them " + wanted + " code";
        }
    }

    /**
     * A block is opened and never closed, typically because the answer was cut.
     *
     * @param language its language tag, empty when untagged
     * @param line     the 1-based line of its opening fence
     */
    record Unterminated(String language, int line) implements CodeBlockExtraction {
        @Override
        public String describe() {
            return "the " + tag(language) + " code block opened at line " + line
                    + " is never closed; the answer is probably truncated";
        }
    }

    private static String tag(String language) {
        return language.isEmpty() ? "untagged" : "'" + language + "'";
    }
}
