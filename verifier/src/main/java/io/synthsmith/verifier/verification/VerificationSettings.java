package io.synthsmith.verifier.verification;

import io.synthsmith.verifier.config.VerifierConfig;
import io.synthsmith.verifier.sandbox.SandboxLimits;
import java.util.Optional;

/** The tuning of labelling, golden selection and difficulty, and the limits of candidate runs. */
public record VerificationSettings(double minShare, int minVotes, Optional<Double> floatTolerance,
        double floatReturnTolerance, double sizeWeight, double disagreementWeight, double holdoutThreshold,
        int minLabelled, int maxTotalBytes, double easyFrom, double hardBelow, int parallelism, int maxTasksInFlight,
        SandboxLimits runLimits) {

    public static VerificationSettings of(VerifierConfig config, int parallelism) {
        return new VerificationSettings(config.voting().minShare(), config.voting().minVotes(),
                config.voting().floatTolerance(), config.voting().floatReturnTolerance(),
                config.golden().sizeWeight(), config.golden().disagreementWeight(),
                config.golden().holdoutThreshold(), config.tests().minLabelled(), config.tests().maxTotalBytes(),
                config.difficulty().easyFrom(), config.difficulty().hardBelow(), parallelism,
                config.maxTasksInFlight(), runLimits(config.sandbox().run()));
    }

    public static SandboxLimits runLimits(VerifierConfig.Limits limits) {
        return new SandboxLimits(limits.cpuMillis(), limits.wallMillis(), limits.memoryBytes(), limits.stackBytes(),
                limits.fileBytes(), limits.outputBytes(), limits.processes());
    }
}
