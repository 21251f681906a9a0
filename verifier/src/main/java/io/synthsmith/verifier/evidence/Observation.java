package io.synthsmith.verifier.evidence;

import io.synthsmith.verifier.sandbox.RunOutcome;
import java.util.List;
import java.util.Optional;

/**
 * What was seen on one test: each runnable candidate's outcome (in candidate order), the output the statement
 * gives when the test is one of its samples, and the brute force's outcome when it ran on the test (a small test).
 */
public record Observation(List<RunOutcome> candidates, Optional<String> statedOutput,
        Optional<RunOutcome> bruteForce) {

    public Observation {
        candidates = List.copyOf(candidates);
    }
}
