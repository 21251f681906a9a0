package io.synthsmith.verifier.verification;

import io.synthsmith.verifier.config.VerifierConfig;
import io.synthsmith.verifier.evidence.EvidenceSettings;
import io.synthsmith.verifier.sandbox.SandboxLimits;
import java.util.Optional;

/**
 * The tuning of labelling (the evidence rules), golden selection and difficulty, and the limits of candidate and
 * brute-force runs.
 */
public record VerificationSettings(EvidenceSettings evidence, Optional<Double> floatTolerance,
        double floatReturnTolerance, double sizeWeight, double disagreementWeight, double holdoutThreshold,
        int minLabelled, int maxTotalBytes, double easyFrom, double hardBelow, int parallelism, int maxTasksInFlight,
        SandboxLimits runLimits, SandboxLimits bruteForceLimits) {

    public static VerificationSettings of(VerifierConfig config, int parallelism) {
        SandboxLimits run = runLimits(config.sandbox().run());
        VerifierConfig.BruteForce brute = config.bruteForce();
        return new VerificationSettings(EvidenceSettings.of(config), config.voting().floatTolerance(),
                config.voting().floatReturnTolerance(), config.golden().sizeWeight(),
                config.golden().disagreementWeight(), config.golden().holdoutThreshold(), config.tests().minLabelled(),
                config.tests().maxTotalBytes(), config.difficulty().easyFrom(), config.difficulty().hardBelow(),
                parallelism, config.maxTasksInFlight(), run,
                new SandboxLimits(brute.cpuMillis(), brute.wallMillis(), run.memoryBytes(), run.stackBytes(),
                        run.fileBytes(), run.outputBytes(), run.processes()));
    }

    public int minVotes() {
        return evidence.minVotes();
    }

    public static SandboxLimits runLimits(VerifierConfig.Limits limits) {
        return new SandboxLimits(limits.cpuMillis(), limits.wallMillis(), limits.memoryBytes(), limits.stackBytes(),
                limits.fileBytes(), limits.outputBytes(), limits.processes());
    }
}
