package io.synthsmith.verifier.testcases;

import io.synthsmith.messages.Verified;
import java.util.Optional;

/**
 * A test input before labelling: its id, where it came from, the size class a generator was asked for, and
 * for a sample the output the statement gives.
 */
public record TestCase(String id, String input, Verified.Origin origin, Verified.SizeClass sizeClass,
        Optional<String> statedOutput) {

    /** Whether the test is small enough for a brute force: a sample, a direct input or a generated small one. */
    public boolean small() {
        return origin != Verified.Origin.GENERATED || sizeClass == Verified.SizeClass.SMALL;
    }
}
