package io.synthsmith.verifier.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.messages.Language;
import io.synthsmith.verifier.runners.PreparedProgram;
import io.synthsmith.verifier.runners.ProgramRunner;
import io.synthsmith.verifier.runners.RunInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hostile-program suite: each program tries to break out of or bring down the real sandbox, and each must be
 * contained with the right verdict, leave no process behind, and leave the sandbox able to run the next program.
 */
class HostileProgramsTest {

    private static final int SLOTS = 2;
    private static Sandbox sandbox;
    private static ProgramRunner runner;

    @BeforeAll
    static void start() {
        sandbox = SandboxFixture.sandbox(SLOTS);
        assertThat(sandbox.isolationProblems()).as("isolation on this machine").isEmpty();
        runner = new ProgramRunner(sandbox, "/usr/bin/g++",
                new SandboxLimits(60_000, 120_000, 2L << 30, 64L << 20, 256L << 20, 1L << 20, 32), (l, o) -> {
                });
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void noProcessOutlivesTheRunAndTheSandboxStillWorks() {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(SandboxFixture.slotProcesses(SLOTS)).isEmpty());
        assertThat(python("print(int(input()) * 2)", "21"))
                .isInstanceOfSatisfying(RunOutcome.Completed.class, done -> assertThat(done.stdout()).isEqualTo("42\n"));
    }

    @Test
    void forkBombHitsTheProcessLimitAndTheTimeLimit() {
        RunOutcome outcome = python("""
                import os
                while True:
                    try:
                        os.fork()
                    except OSError:
                        pass
                """, "");
        assertThat(outcome).isInstanceOf(RunOutcome.TimeLimit.class);
    }

    @Test
    void memoryBombHitsTheMemoryLimit() {
        assertThat(python("""
                hog = []
                while True:
                    hog.append(bytearray(10 ** 7))
                """, "")).isInstanceOf(RunOutcome.MemoryLimit.class);
    }

    @Test
    void endlessLoopHitsTheCpuLimit() {
        assertThat(python("while True:\n    pass\n", "")).isInstanceOf(RunOutcome.TimeLimit.class);
    }

    @Test
    void sleepingForeverHitsTheWallLimit() {
        RunOutcome outcome = python("import time\ntime.sleep(100000)\n", "");
        assertThat(outcome).isInstanceOf(RunOutcome.TimeLimit.class);
        assertThat(outcome.stats().wallMillis()).isGreaterThanOrEqualTo(SandboxFixture.LIMITS.wallMillis());
    }

    @Test
    void networkConnectionsAndDnsFail() {
        assertThat(stdout("""
                import socket
                for attempt in (lambda: socket.create_connection(("1.1.1.1", 53), 2),
                                lambda: socket.create_connection(("127.0.0.1", 8080), 2),
                                lambda: socket.getaddrinfo("example.com", 80)):
                    try:
                        attempt()
                        print("reached")
                    except OSError:
                        print("blocked")
                print(sorted(name for _, name in socket.if_nameindex()))
                """)).isEqualTo("blocked\nblocked\nblocked\n['lo']\n");
    }

    @Test
    void writingOutsideTheWorkingDirectoryFails() throws Exception {
        Path hostFile = Files.createTempFile(Path.of("target").toAbsolutePath(), "host-", ".txt");
        try {
            assertThat(stdout("""
                    import os
                    for path in ("/usr/evil", "/sandbox/evil", "/evil", "/proc/evil", "%s"):
                        try:
                            open(path, "w").write("x")
                            print("wrote", path)
                        except OSError:
                            print("refused")
                    open("here.txt", "w").write("ok")
                    print(open("here.txt").read())
                    """.formatted(hostFile))).isEqualTo("refused\nrefused\nrefused\nrefused\nrefused\nok\n");
            assertThat(Files.readString(hostFile)).isEmpty();
        } finally {
            Files.delete(hostFile);
        }
    }

    @Test
    void hostSecretsAndEnvironmentAreOutOfReach() throws Exception {
        Path secret = Files.writeString(Files.createTempFile(Path.of("target").toAbsolutePath(), "secret-", ".key"),
                "API_KEY=sk-secret");
        try {
            String seen = stdout("""
                    import os
                    print(sorted(k for k in os.environ if k not in ("PWD", "LC_CTYPE")))
                    for path in ("%s", "/etc/shadow", "/etc/passwd", "/root/.ssh", "/proc/1/environ"):
                        try:
                            print(open(path).read()[:40])
                        except OSError as e:
                            print("unreadable")
                    """.formatted(secret));
            assertThat(seen).isEqualTo("[]\nunreadable\nunreadable\nunreadable\nunreadable\nunreadable\n");
            assertThat(seen).doesNotContain("sk-secret");
        } finally {
            Files.delete(secret);
        }
    }

    @Test
    void orphanedDoubleForkedChildrenDieWithTheRun() {
        assertThat(stdout("""
                import os, time
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        time.sleep(100000)
                    os._exit(0)
                print("parent done")
                """)).isEqualTo("parent done\n");
    }

    @Test
    void killingEveryProcessReachesOnlyTheRunItself() {
        RunOutcome outcome = python("""
                import os, signal
                for target in (-1, 1):
                    try:
                        os.kill(target, signal.SIGKILL)
                    except OSError:
                        pass
                print("still here")
                """, "");
        assertThat(outcome).isInstanceOfAny(RunOutcome.RuntimeError.class, RunOutcome.Completed.class)
                .isNotInstanceOf(RunOutcome.SandboxFailure.class);
    }

    @Test
    void gigabytesOfOutputHitTheOutputLimit() {
        assertThat(python("""
                import sys
                block = "x" * (1 << 20)
                for _ in range(4096):
                    sys.stdout.write(block)
                """, "")).isInstanceOf(RunOutcome.OutputLimit.class);
    }

    @Test
    void aFileLargerThanTheLimitHitsTheOutputLimit() {
        assertThat(python("""
                with open("big.bin", "wb") as big:
                    for _ in range(64):
                        big.write(b"x" * (1 << 20))
                """, "")).isInstanceOf(RunOutcome.OutputLimit.class);
    }

    @Test
    void stackOverflowInCppIsARuntimeError() {
        try (PreparedProgram program = runner.prepare(Language.CPP, """
                #include <cstdio>
                int depth(int n) { volatile char pad[4096]; pad[0] = n; return depth(n + 1) + pad[0]; }
                int main() { std::printf("%d\\n", depth(0)); }
                """)) {
            assertThat(program).isInstanceOf(PreparedProgram.Ready.class);
            assertThat(runner.runAll(program, List.of(RunInput.of("")), SandboxFixture.LIMITS).get(0))
                    .isInstanceOf(RunOutcome.RuntimeError.class);
        }
    }

    private static RunOutcome python(String code, String input) {
        try (PreparedProgram program = runner.prepare(Language.PYTHON, code)) {
            return runner.runAll(program, List.of(RunInput.of(input)), SandboxFixture.LIMITS).get(0);
        }
    }

    private static String stdout(String code) {
        RunOutcome outcome = python(code, "");
        assertThat(outcome).isInstanceOf(RunOutcome.Completed.class);
        return ((RunOutcome.Completed) outcome).stdout();
    }
}
