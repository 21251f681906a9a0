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
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
                .untilAsserted(() -> assertThat(SandboxFixture.slotProcesses(sandbox)).isEmpty());
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

    /**
     * One case per family the seccomp filter denies: each call, made with arguments that an unfiltered kernel
     * answers otherwise for most of them (see {@link #withoutTheFilterTheSameCallsAreNotRefusedByEperm}), fails
     * with EPERM.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deniedFamilies")
    void deniedSystemCallsFailWithEperm(String family, List<String> calls) {
        String seen = stdout(syscallProbe(calls));
        assertThat(seen.lines().toList()).as(family).hasSize(calls.size())
                .allSatisfy(line -> assertThat(line).endsWith("=EPERM"));
    }

    static Stream<Arguments> deniedFamilies() {
        return Stream.of(
                Arguments.of("ptrace", List.of("ptrace 0 0 0 0", "process_vm_readv 1 0 0 0 0 0")),
                Arguments.of("mount", List.of("mount 1 1 1 0 0", "umount2 1 0", "pivot_root 1 1", "fsopen 1 0")),
                Arguments.of("keyring", List.of("keyctl 0 -3 0", "add_key 0 0 0 0 0", "request_key 0 0 0 0")),
                Arguments.of("bpf", List.of("bpf 0 0 0")),
                Arguments.of("perf_event_open", List.of("perf_event_open 0 0 -1 -1 0")),
                Arguments.of("userfaultfd", List.of("userfaultfd 0")),
                Arguments.of("namespaces", List.of("unshare 0", "setns -1 0")),
                Arguments.of("kexec", List.of("kexec_load 0 0 0 0", "kexec_file_load -1 -1 0 0 0")),
                Arguments.of("modules", List.of("init_module 0 0 0", "finit_module -1 0 0", "delete_module 0 0")),
                Arguments.of("clocks", List.of("clock_settime 0 0", "settimeofday 0 0", "adjtimex 0",
                        "clock_adjtime 0 0")),
                Arguments.of("host administration", List.of("personality 4294967295", "reboot 0 0 0 0",
                        "swapon 0 0", "io_uring_setup 0 0")));
    }

    @Test
    void withoutTheFilterTheSameCallsAreNotRefusedByEperm() {
        SandboxOptions filtered = sandbox.options();
        try (Sandbox unfiltered = new Sandbox(new SandboxOptions(filtered.bwrap(), filtered.setpriv(),
                filtered.python(), filtered.runtime(), filtered.slotUidBase(), filtered.tmpBytes(), 1, 1,
                filtered.slotLockDir(), filtered.slotRangeSize(), filtered.slotRanges(), false))) {
            ProgramRunner plain = new ProgramRunner(unfiltered, "/usr/bin/g++", SandboxFixture.LIMITS, (l, o) -> {
            });
            List<String> calls = List.of("ptrace 0 0 0 0", "keyctl 0 -3 0", "unshare 0", "setns -1 0",
                    "mount 1 1 1 0 0", "perf_event_open 0 0 -1 -1 0", "clock_settime 0 0", "adjtimex 0",
                    "personality 4294967295");
            try (PreparedProgram program = plain.prepare(Language.PYTHON, syscallProbe(calls))) {
                RunOutcome outcome = plain.runAll(program, List.of(RunInput.of("")), SandboxFixture.LIMITS).get(0);
                assertThat(outcome).isInstanceOfSatisfying(RunOutcome.Completed.class, done ->
                        assertThat(done.stdout().lines().toList()).hasSize(calls.size())
                                .noneSatisfy(line -> assertThat(line).endsWith("=EPERM")));
            }
        }
    }

    /** A Python program making each call ("name arg..."), printing {@code name=ok} or {@code name=<errno name>}. */
    private static String syscallProbe(List<String> calls) {
        return """
                import ctypes, errno, platform
                # System call numbers from the kernel's tables (arch/x86/entry/syscalls, include/uapi/asm-generic).
                NR = {"x86_64": dict(ptrace=101, process_vm_readv=310, mount=165, umount2=166, pivot_root=155,
                                     fsopen=430, keyctl=250, add_key=248, request_key=249, bpf=321,
                                     perf_event_open=298, userfaultfd=323, unshare=272, setns=308, kexec_load=246,
                                     kexec_file_load=320, init_module=175, finit_module=313, delete_module=176,
                                     clock_settime=227, settimeofday=164, adjtimex=159, clock_adjtime=305,
                                     personality=135, reboot=169, swapon=167, io_uring_setup=425),
                      "aarch64": dict(ptrace=117, process_vm_readv=270, mount=40, umount2=39, pivot_root=41,
                                      fsopen=430, keyctl=219, add_key=217, request_key=218, bpf=280,
                                      perf_event_open=241, userfaultfd=282, unshare=97, setns=268, kexec_load=104,
                                      kexec_file_load=294, init_module=105, finit_module=273, delete_module=106,
                                      clock_settime=112, settimeofday=170, adjtimex=171, clock_adjtime=266,
                                      personality=92, reboot=142, swapon=224, io_uring_setup=425)}[platform.machine()]
                libc = ctypes.CDLL(None, use_errno=True)
                libc.syscall.restype = ctypes.c_long
                for call in CALLS:
                    name, *args = call.split()
                    ctypes.set_errno(0)
                    result = libc.syscall(ctypes.c_long(NR[name]), *[ctypes.c_long(int(a)) for a in args])
                    print(name + "=" + ("ok" if result >= 0 else errno.errorcode[ctypes.get_errno()]))
                """.replace("CALLS", calls.stream().map(c -> "\"" + c + "\"")
                .collect(java.util.stream.Collectors.joining(", ", "[", "]")));
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
