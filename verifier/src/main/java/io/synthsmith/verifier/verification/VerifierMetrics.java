package io.synthsmith.verifier.verification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.synthsmith.messages.Language;
import io.synthsmith.verifier.sandbox.RunOutcome;
import io.synthsmith.verifier.voting.Verdict;
import java.time.Duration;

/** The verifier's meters; every name starts with {@code synthsmith.verifier}. */
public final class VerifierMetrics {

    private final MeterRegistry registry;

    public VerifierMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Every sandboxed run as it ends: its latency, and a sandbox failure if it was one. */
    public void ran(Language language, RunOutcome outcome) {
        Timer.builder("synthsmith.verifier.run.latency")
                .description("Wall time of sandboxed runs (candidates, generators, validators, compilations)")
                .tag("language", language.wire())
                .register(registry)
                .record(Duration.ofMillis(outcome.stats().wallMillis()));
        if (outcome instanceof RunOutcome.SandboxFailure) {
            Counter.builder("synthsmith.verifier.sandbox.failures")
                    .description("Runs that failed for a reason of the sandbox, after retries")
                    .tag("language", language.wire())
                    .register(registry)
                    .increment();
        }
    }

    /** A candidate's run on a labelled test, by its verdict. */
    public void verdict(Language language, Verdict verdict) {
        Counter.builder("synthsmith.verifier.runs")
                .description("Candidate runs on labelled tests, by verdict and language")
                .tag("verdict", verdict.wire())
                .tag("language", language.wire())
                .register(registry)
                .increment();
    }

    /** Tests kept, or dropped with a reason. */
    public void tests(String outcome, String reason, int count) {
        Counter.builder("synthsmith.verifier.tests")
                .description("Test inputs kept or dropped, by reason")
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry)
                .increment(count);
    }

    /** A task verified, or rejected with a reason. */
    public void task(String outcome, String reason) {
        Counter.builder("synthsmith.verifier.tasks")
                .description("Tasks verified or rejected, by reason")
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
