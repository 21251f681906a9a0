package io.synthsmith.verifier.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The isolation check the verifier runs before it starts, and the development switch that bypasses it. */
class IsolationCheckTest {

    @Test
    void bubblewrapOnThisMachineIsolatesRuns() {
        try (Sandbox sandbox = SandboxFixture.sandbox(1)) {
            assertThat(sandbox.isolationProblems()).isEmpty();
            assertThat(sandbox.isolated()).isTrue();
        }
    }

    @Test
    void withoutBubblewrapTheCheckSaysWhyAndOnlyTheExplicitSwitchRunsProgramsUnisolated() {
        try (Sandbox sandbox = new Sandbox(new SandboxOptions("/nonexistent/bwrap", "/usr/bin/setpriv",
                "/usr/bin/python3", List.of("/usr"), SandboxFixture.UID_BASE, 64L << 20, 1, 0))) {
            List<String> problems = sandbox.isolationProblems();
            assertThat(problems).singleElement().asString()
                    .contains("the isolation probe did not complete").contains("/nonexistent/bwrap");

            sandbox.runUnisolated();

            assertThat(sandbox.isolated()).isFalse();
            assertThat(sandbox.isolationProblems()).isNotEmpty();
            try (SandboxSession session = sandbox.open(new Executable.PythonSource("print(input()[::-1])"),
                    Optional.empty())) {
                assertThat(session.run("olleh\n", List.of(), SandboxFixture.LIMITS))
                        .isInstanceOfSatisfying(RunOutcome.Completed.class,
                                done -> assertThat(done.stdout()).isEqualTo("hello\n"));
            }
        }
    }
}
