package io.synthsmith.solver.candidates;

import io.synthsmith.messages.Candidate;

/** What the screen made of one answer: a {@link Kept} candidate or a {@link Dropped} one with its reason. */
public sealed interface Screening {

    /** The answer is a usable candidate. */
    record Kept(Candidate candidate) implements Screening {
    }

    /** The answer was dropped; {@code detail} says what was wrong with it. */
    record Dropped(DropReason reason, String detail) implements Screening {
    }
}
