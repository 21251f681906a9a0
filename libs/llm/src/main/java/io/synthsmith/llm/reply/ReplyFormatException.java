package io.synthsmith.llm.reply;

/** A reply does not have the expected form (no JSON, broken JSON, not exactly one code block). */
public class ReplyFormatException extends RuntimeException {

    /** An exception whose message says what was wrong and where. */
    public ReplyFormatException(String message) {
        super(message);
    }
}
