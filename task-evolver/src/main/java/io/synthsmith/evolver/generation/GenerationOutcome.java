package io.synthsmith.evolver.generation;

import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Task;

/** What became of one generation request: a task, or a rejection with its reason. */
public sealed interface GenerationOutcome permits GenerationOutcome.Generated, GenerationOutcome.Declined {

    /** The request produced this task. */
    record Generated(Task task) implements GenerationOutcome {
    }

    /** The request was decided against (unparsable replies, a tree too small), with the rejection to publish. */
    record Declined(Rejected rejection) implements GenerationOutcome {
    }
}
