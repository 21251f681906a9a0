package io.synthsmith.evolver.llm;

import io.synthsmith.llm.reply.ReplyFormatException;

/** Turns a reply's answer text into a value, or throws {@link ReplyFormatException} saying what is wrong with it. */
@FunctionalInterface
public interface ReplyParser<T> {

    T parse(String answer) throws ReplyFormatException;
}
