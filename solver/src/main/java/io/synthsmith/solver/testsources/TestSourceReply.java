package io.synthsmith.solver.testsources;

/** What a test-source reply gave: a {@link Usable} value, or {@link Unusable} with why. */
public sealed interface TestSourceReply<T> {

    /** The reply holds the source. */
    record Usable<T>(T value) implements TestSourceReply<T> {
    }

    /** The reply holds no usable source; {@code why} is recorded in {@code Solved.missingTestSources}. */
    record Unusable<T>(String why) implements TestSourceReply<T> {
    }
}
