package io.synthsmith.verifier.voting;

import com.fasterxml.jackson.annotation.JsonValue;
import io.synthsmith.verifier.sandbox.RunOutcome;

/** The verdict of one run against a label: the closed set the verified message counts runs by. */
public enum Verdict {
    PASSED("passed"),
    WRONG_ANSWER("wrong_answer"),
    RUNTIME_ERROR("runtime_error"),
    TIME_LIMIT("time_limit"),
    MEMORY_LIMIT("memory_limit"),
    OUTPUT_LIMIT("output_limit"),
    SANDBOX_FAILURE("sandbox_failure");

    private final String wire;

    Verdict(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The verdict of a run against an expected (normalised) output. */
    public static Verdict of(RunOutcome outcome, String expected, OutputComparison comparison) {
        return switch (outcome) {
            case RunOutcome.Completed done ->
                    comparison.same(OutputComparison.normalize(done.stdout()), expected) ? PASSED : WRONG_ANSWER;
            case RunOutcome.RuntimeError error -> RUNTIME_ERROR;
            case RunOutcome.TimeLimit limit -> TIME_LIMIT;
            case RunOutcome.MemoryLimit limit -> MEMORY_LIMIT;
            case RunOutcome.OutputLimit limit -> OUTPUT_LIMIT;
            case RunOutcome.SandboxFailure failure -> SANDBOX_FAILURE;
        };
    }
}
