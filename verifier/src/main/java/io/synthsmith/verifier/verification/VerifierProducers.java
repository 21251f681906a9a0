package io.synthsmith.verifier.verification;

import io.micrometer.core.instrument.MeterRegistry;
import io.synthsmith.verifier.config.VerifierConfig;
import io.synthsmith.verifier.runners.ProgramRunner;
import io.synthsmith.verifier.sandbox.Sandbox;
import io.synthsmith.verifier.sandbox.SandboxLimits;
import io.synthsmith.verifier.sandbox.SandboxOptions;
import io.synthsmith.verifier.testcases.TestBuildSettings;
import io.synthsmith.verifier.testcases.TestBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** Builds the verifier's plain classes from its configuration. */
@ApplicationScoped
public class VerifierProducers {

    @Produces
    @ApplicationScoped
    Sandbox sandbox(VerifierConfig config) {
        return new Sandbox(SandboxOptions.of(config));
    }

    void closeSandbox(@Disposes Sandbox sandbox) {
        sandbox.close();
    }

    @Produces
    @ApplicationScoped
    VerifierMetrics metrics(MeterRegistry registry) {
        return new VerifierMetrics(registry);
    }

    @Produces
    @ApplicationScoped
    ProgramRunner programRunner(Sandbox sandbox, VerifierConfig config, VerifierMetrics metrics) {
        VerifierConfig.CompileLimits compile = config.sandbox().compile();
        VerifierConfig.Limits run = config.sandbox().run();
        SandboxLimits compileLimits = new SandboxLimits(compile.cpuMillis(), compile.wallMillis(),
                compile.memoryBytes(), run.stackBytes(), Math.max(run.fileBytes(), 256L << 20), run.outputBytes(),
                Math.max(run.processes(), 16));
        return new ProgramRunner(sandbox, config.sandbox().cxx(), compileLimits, metrics::ran);
    }

    @Produces
    @ApplicationScoped
    TaskVerifier taskVerifier(ProgramRunner runner, VerifierConfig config, VerifierMetrics metrics) {
        VerificationSettings settings = VerificationSettings.of(config, runner.sandbox().options().slots());
        TestBuilder tests = new TestBuilder(runner, TestBuildSettings.of(config.tests(), config.bruteForce()), settings.runLimits());
        return new TaskVerifier(runner, tests, settings, metrics);
    }

    void closeVerifier(@Disposes TaskVerifier verifier) {
        verifier.close();
    }
}
