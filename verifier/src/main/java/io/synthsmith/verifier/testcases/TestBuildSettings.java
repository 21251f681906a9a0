package io.synthsmith.verifier.testcases;

import io.synthsmith.messages.Verified;
import io.synthsmith.verifier.config.VerifierConfig;
import java.util.Arrays;
import java.util.List;

/**
 * How tests are built: generator seeds and size classes, count and size caps, and the fewest small tests a task
 * with a brute force should have.
 */
public record TestBuildSettings(List<Integer> generatorSeeds, List<Verified.SizeClass> sizeClasses, int maxCount,
        int maxInputBytes, int minSmallTests) {

    public TestBuildSettings {
        generatorSeeds = List.copyOf(generatorSeeds);
        sizeClasses = List.copyOf(sizeClasses);
    }

    /** Settings that never add small tests for a brute force. */
    public TestBuildSettings(List<Integer> generatorSeeds, List<Verified.SizeClass> sizeClasses, int maxCount,
            int maxInputBytes) {
        this(generatorSeeds, sizeClasses, maxCount, maxInputBytes, 0);
    }

    public static TestBuildSettings of(VerifierConfig.Tests tests, VerifierConfig.BruteForce bruteForce) {
        return new TestBuildSettings(tests.generatorSeeds(),
                tests.sizeClasses().stream().map(TestBuildSettings::sizeClass).toList(),
                tests.maxCount(), tests.maxInputBytes(), bruteForce.minSmallTests());
    }

    private static Verified.SizeClass sizeClass(String wire) {
        return Arrays.stream(Verified.SizeClass.values())
                .filter(size -> size.wire().equals(wire.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("synthsmith.verifier.tests.size-classes: unknown size"
                        + " class '" + wire + "', expected small, medium or max"));
    }
}
