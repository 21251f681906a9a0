package io.synthsmith.solver.solving;

import io.synthsmith.messages.Rejected;

/** What became of a task: {@link Solved} for the solved topic, or {@link Rejection} for the rejected topic. */
public sealed interface SolveOutcome {

    /** The task has enough usable candidates and its test sources. */
    record Solved(io.synthsmith.messages.Solved message) implements SolveOutcome {
    }

    /** The task was decided against, with the reason. */
    record Rejection(Rejected message) implements SolveOutcome {
    }
}
