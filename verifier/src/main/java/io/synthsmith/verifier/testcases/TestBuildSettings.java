package io.synthsmith.verifier.testcases;

import io.synthsmith.messages.Verified;
import io.synthsmith.verifier.config.VerifierConfig;
import java.util.Arrays;
import java.util.List;

/** How tests are built: generator seeds and size classes, count and size caps. */
public record TestBuildSettings(List<Integer> generatorSeeds, List<Verified.SizeClass> sizeClasses, int maxCount,
        int maxInputBytes) {

    public TestBuildSettings {
        generatorSeeds = List.copyOf(generatorSeeds);
        sizeClasses = List.copyOf(sizeClasses);
    }

    public static TestBuildSettings of(VerifierConfig.Tests tests) {
        return new TestBuildSettings(tests.generatorSeeds(),
                tests.sizeClasses().stream().map(TestBuildSettings::sizeClass).toList(),
                tests.maxCount(), tests.maxInputBytes());
    }

    private static Verified.SizeClass sizeClass(String wire) {
        return Arrays.stream(Verified.SizeClass.values())
                .filter(size -> size.wire().equals(wire.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("synthsmith.verifier.tests.size-classes: unknown size"
                        + " class '" + wire + "', expected small, medium or max"));
    }
}
