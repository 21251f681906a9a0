package io.synthsmith.llm.reply;

/**
 * A reply that was read (its JSON parsed) but whose content fails a check of what the prompt asked for: a missing
 * section, too few samples, a technique named in a hint. Counted apart from replies that could not be read.
 */
public final class ReplyCheckException extends ReplyFormatException {

    /** An exception whose message lists every failed check. */
    public ReplyCheckException(String message) {
        super(message);
    }
}
