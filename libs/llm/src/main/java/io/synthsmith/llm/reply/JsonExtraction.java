package io.synthsmith.llm.reply;

import com.fasterxml.jackson.databind.JsonNode;

/** The outcome of looking for JSON in a reply: {@link Found}, {@link NotFound} or {@link Malformed}. */
public sealed interface JsonExtraction {

    /** What happened, for a person (and for a rejection reason). */
    String describe();

    /** The JSON value, or a {@link ReplyFormatException} that says why there is none. */
    default JsonNode orThrow() {
        if (this instanceof Found found) {
            return found.value();
        }
        throw new ReplyFormatException(describe());
    }

    /**
     * JSON of the expected shape was found.
     *
     * @param value the parsed value
     * @param line  the 1-based line of the reply where it starts
     */
    record Found(JsonNode value, int line) implements JsonExtraction {
        @Override
        public String describe() {
            return "a JSON " + (value.isArray() ? "array" : "object") + " at line " + line;
        }
    }

    /**
     * The reply holds no JSON of the expected shape.
     *
     * @param reason what was looked for and what was there instead
     */
    record NotFound(String reason) implements JsonExtraction {
        @Override
        public String describe() {
            return reason;
        }
    }

    /**
     * The reply holds JSON that does not parse.
     *
     * @param line    1-based line of the reply where parsing broke
     * @param column  1-based column there
     * @param problem what the parser expected
     * @param near    the reply text around that point
     */
    record Malformed(int line, int column, String problem, String near) implements JsonExtraction {
        @Override
        public String describe() {
            return "the JSON in the reply is malformed at line " + line + ", column " + column + ": " + problem
                    + "; near: " + near;
        }
    }
}
