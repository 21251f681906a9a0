package io.synthsmith.verifier.voting;

import com.fasterxml.jackson.annotation.JsonValue;
import io.synthsmith.verifier.sandbox.RunOutcome;

/** The verdict of one run against a label: the closed set the verified message counts runs by. */
public enum Verdict {
    PASSED("passed", 'P'),
    WRONG_ANSWER("wrong_answer", 'W'),
    RUNTIME_ERROR("runtime_error", 'R'),
    TIME_LIMIT("time_limit", 'T'),
    MEMORY_LIMIT("memory_limit", 'M'),
    OUTPUT_LIMIT("output_limit", 'O'),
    SANDBOX_FAILURE("sandbox_failure", 'S');

    private final String wire;
    private final char code;

    Verdict(String wire, char code) {
        this.wire = wire;
        this.code = code;
    }

    /** The one-letter code of the verdict in a candidate's {@code verdictCodes}. */
    public char code() {
        return code;
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
