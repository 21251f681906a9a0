package io.synthsmith.verifier.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthsmith.messages.Language;
import io.synthsmith.messaging.deadletter.GiveUp;
import io.synthsmith.verifier.runners.PreparedProgram;
import io.synthsmith.verifier.runners.ProgramRunner;
import io.synthsmith.verifier.runners.RunInput;
import io.synthsmith.verifier.sandbox.RunOutcome;
import io.synthsmith.verifier.sandbox.Sandbox;
import io.synthsmith.verifier.sandbox.SandboxFixture;
import io.synthsmith.verifier.sandbox.SandboxOptions;
import io.synthsmith.verifier.sandbox.SandboxUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The real sandbox misconfigured (its bubblewrap missing): runs and compilations throw {@link SandboxUnavailable}
 * after their retries instead of giving a verdict, and {@link SandboxWait} tries again, then gives up as
 * SANDBOX_UNAVAILABLE.
 */
class SandboxWaitTest {

    private static Sandbox missingBubblewrap() {
        return new Sandbox(new SandboxOptions("/nonexistent/bwrap", "/usr/bin/setpriv", "/usr/bin/python3",
                List.of("/usr"), SandboxFixture.UID_BASE, 64L << 20, 1, 1));
    }

    @Test
    void aRunOrCompilationThatKeepsFailingInTheSandboxThrowsInsteadOfGivingAVerdict() {
        try (Sandbox sandbox = missingBubblewrap()) {
            List<RunOutcome> observed = new ArrayList<>();
            ProgramRunner runner = new ProgramRunner(sandbox, "/usr/bin/g++", SandboxFixture.LIMITS,
                    (language, outcome) -> observed.add(outcome));
            try (PreparedProgram program = runner.prepare(Language.PYTHON, "print(1)\n")) {
                assertThatThrownBy(() -> runner.runAll(program, List.of(RunInput.of("")), SandboxFixture.LIMITS))
                        .isInstanceOf(SandboxUnavailable.class)
                        .hasMessageContaining("failed 2 times in a row").hasMessageContaining("/nonexistent/bwrap");
            }
            assertThatThrownBy(() -> runner.prepare(Language.CPP, "int main() { return 0; }\n"))
                    .isInstanceOf(SandboxUnavailable.class);
            assertThat(observed).isNotEmpty()
                    .allSatisfy(outcome -> assertThat(outcome).isInstanceOf(RunOutcome.SandboxFailure.class));
        }
    }

    @Test
    void aTaskIsTriedAgainWithBackoffThenGivenUpOnAsSandboxUnavailable() {
        try (Sandbox sandbox = missingBubblewrap()) {
            ProgramRunner runner = new ProgramRunner(sandbox, "/usr/bin/g++", SandboxFixture.LIMITS, (l, o) -> {
            });
            AtomicInteger attempts = new AtomicInteger();
            AtomicInteger retries = new AtomicInteger();
            // Every look at this clock is a second later, so the attempts do not depend on how busy the machine is.
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            AtomicInteger looks = new AtomicInteger();
            Clock ticking = new Clock() {
                @Override
                public Instant instant() {
                    return start.plusSeconds(looks.getAndIncrement());
                }

                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }
            };
            SandboxWait wait = new SandboxWait(Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMillis(400),
                    ticking, retries::incrementAndGet);

            assertThatThrownBy(() -> wait.call("task t-1", () -> {
                attempts.incrementAndGet();
                try (PreparedProgram program = runner.prepare(Language.PYTHON, "print(1)\n")) {
                    return runner.runAll(program, List.of(RunInput.of("")), SandboxFixture.LIMITS);
                }
            })).isInstanceOfSatisfying(GiveUp.class, giveUp -> {
                assertThat(giveUp.kind()).isEqualTo("SANDBOX_UNAVAILABLE");
                assertThat(giveUp.getMessage()).contains("task t-1").contains("5 attempts over PT5S")
                        .contains("/nonexistent/bwrap");
                assertThat(giveUp.getCause()).isInstanceOf(SandboxUnavailable.class);
            });
            assertThat(attempts.get()).isEqualTo(5);
            assertThat(retries.get()).isEqualTo(4);
        }
    }

    @Test
    void aSandboxThatRecoversGivesTheResult() {
        AtomicInteger attempts = new AtomicInteger();
        SandboxWait wait = new SandboxWait(Duration.ofMinutes(1), Duration.ofMillis(10), Duration.ofMillis(20),
                Clock.systemUTC(), () -> {
                });
        assertThat(wait.call("task t-2", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new SandboxUnavailable("bwrap is being upgraded");
            }
            return "verified";
        })).isEqualTo("verified");
        assertThat(attempts.get()).isEqualTo(3);
    }
}
