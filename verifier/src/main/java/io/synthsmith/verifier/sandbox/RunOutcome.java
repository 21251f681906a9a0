package io.synthsmith.verifier.sandbox;

/**
 * How a sandboxed run ended. Only {@link Completed} carries output to compare; {@link SandboxFailure} is a fault
 * of the infrastructure, never of the program.
 */
public sealed interface RunOutcome {

    RunStats stats();

    /** The program exited with status 0; its standard output. */
    record Completed(String stdout, RunStats stats) implements RunOutcome {
    }

    /** The program exited with an error or was killed by a signal other than a limit's. */
    record RuntimeError(String detail, RunStats stats) implements RunOutcome {
    }

    /** The program ran out of CPU or wall time. */
    record TimeLimit(RunStats stats) implements RunOutcome {
    }

    /** The program ran out of memory. */
    record MemoryLimit(RunStats stats) implements RunOutcome {
    }

    /** The program printed more than the output limit or wrote a file larger than the file limit. */
    record OutputLimit(RunStats stats) implements RunOutcome {
    }

    /** The sandbox itself failed (could not start, died, stopped answering): no verdict on the program. */
    record SandboxFailure(String reason, RunStats stats) implements RunOutcome {
    }
}
