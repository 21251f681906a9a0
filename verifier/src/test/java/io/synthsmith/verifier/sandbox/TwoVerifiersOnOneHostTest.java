package io.synthsmith.verifier.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthsmith.messages.Language;
import io.synthsmith.verifier.runners.PreparedProgram;
import io.synthsmith.verifier.runners.ProgramRunner;
import io.synthsmith.verifier.runners.RunInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two verifier instances on one host, each with its own real sandbox: each claims its own range of slot uids, so a
 * fork bomb in one neither starves the other's runs of processes (RLIMIT_NPROC counts per uid) nor has its clean-up
 * reach the other's processes.
 */
class TwoVerifiersOnOneHostTest {

    private static final SandboxLimits RUN = new SandboxLimits(3_000, 6_000, 256L << 20, 64L << 20, 1L << 20,
            1L << 20, 16);
    private static final String FORK_BOMB = """
            import os
            while True:
                try:
                    os.fork()
                except OSError:
                    pass
            """;
    /** A normal program that forks: it needs a few processes of its own, as many real solutions' runtimes do. */
    private static final String NORMAL = """
            import os, time
            n = int(input())
            children = []
            for i in range(4):
                pid = os.fork()
                if pid == 0:
                    time.sleep(0.3)
                    os._exit(0)
                children.append(pid)
            for pid in children:
                os.waitpid(pid, 0)
            print(n * n)
            """;

    @Test
    void aForkBombInOneInstanceLeavesTheOthersVerdictsAndProcessesAlone() throws Exception {
        try (Sandbox bombed = SandboxFixture.sandbox(2); Sandbox normal = SandboxFixture.sandbox(2);
                ExecutorService threads = Executors.newFixedThreadPool(2)) {
            SlotUidRange bombedUids = bombed.slotUids().orElseThrow();
            SlotUidRange normalUids = normal.slotUids().orElseThrow();
            assertThat(bombedUids.lockFile()).isNotEqualTo(normalUids.lockFile());
            assertThat(bombedUids.last() < normalUids.first() || normalUids.last() < bombedUids.first())
                    .as("%s and %s are disjoint", bombedUids, normalUids).isTrue();

            ProgramRunner bombs = runner(bombed);
            ProgramRunner verifier = runner(normal);
            AtomicBoolean verifying = new AtomicBoolean(true);
            AtomicInteger bombsRun = new AtomicInteger();
            AtomicInteger bombProcessesSeen = new AtomicInteger();
            CompletableFuture<List<RunOutcome>> bombing = CompletableFuture.supplyAsync(() -> {
                List<RunOutcome> outcomes = new ArrayList<>();
                try (PreparedProgram bomb = bombs.prepare(Language.PYTHON, FORK_BOMB)) {
                    do {
                        outcomes.addAll(bombs.runAll(bomb, List.of(RunInput.of("")), RUN));
                        bombsRun.incrementAndGet();
                    } while (verifying.get());
                }
                return outcomes;
            }, threads);
            Set<String> bombNamespaces = ConcurrentHashMap.newKeySet();
            Set<String> normalNamespaces = ConcurrentHashMap.newKeySet();
            CompletableFuture<Void> watching = CompletableFuture.runAsync(() -> {
                while (verifying.get()) {
                    List<String> bombProcesses = SandboxFixture.slotProcesses(bombed);
                    bombProcessesSeen.accumulateAndGet(bombProcesses.size(), Math::max);
                    bombNamespaces.addAll(pidNamespaces(bombProcesses));
                    normalNamespaces.addAll(pidNamespaces(SandboxFixture.slotProcesses(normal)));
                    sleep(50);
                }
            }, threads);
            List<RunOutcome> verdicts = new ArrayList<>();
            // Runs start while the bomb is at its limit; each sleeps past one bomb's sweep of its own namespace.
            sleep(1_000);
            try (PreparedProgram program = verifier.prepare(Language.PYTHON, NORMAL)) {
                for (int round = 0; round < 3; round++) {
                    verdicts.addAll(verifier.runAll(program,
                            IntStream.rangeClosed(1, 4).mapToObj(n -> RunInput.of(n + "\n")).toList(), RUN));
                }
            } finally {
                verifying.set(false);
            }
            List<RunOutcome> bombOutcomes = bombing.get();
            watching.get();

            assertThat(verdicts).hasSize(12).allSatisfy(outcome -> assertThat(outcome)
                    .isInstanceOf(RunOutcome.Completed.class));
            assertThat(verdicts.stream().map(o -> ((RunOutcome.Completed) o).stdout()).toList())
                    .containsExactly("1\n", "4\n", "9\n", "16\n", "1\n", "4\n", "9\n", "16\n", "1\n", "4\n", "9\n",
                            "16\n");
            assertThat(bombOutcomes).isNotEmpty().allSatisfy(outcome -> assertThat(outcome)
                    .isInstanceOf(RunOutcome.TimeLimit.class));
            assertThat(bombProcessesSeen.get()).as("the bomb's processes, under its own slot uids").isGreaterThan(2);
            // Each instance's uids hold only its own sessions (PID namespaces): with shared uids the bomb's would
            // be under the other's too, counted against its process limit wherever the kernel counts per uid.
            assertThat(normalNamespaces).as("sessions under the normal instance's uids").isNotEmpty()
                    .doesNotContainAnyElementsOf(bombNamespaces);
            assertThat(SandboxFixture.slotProcesses(bombed)).isEmpty();
            assertThat(SandboxFixture.slotProcesses(normal)).isEmpty();
        }
    }

    @Test
    void theOtherInstancesLongRunSurvivesEveryBombSweep() throws Exception {
        try (Sandbox bombed = SandboxFixture.sandbox(1); Sandbox normal = SandboxFixture.sandbox(1);
                ExecutorService threads = Executors.newSingleThreadExecutor()) {
            ProgramRunner bombs = runner(bombed);
            ProgramRunner verifier = runner(normal);
            CompletableFuture<RunOutcome> longRun = CompletableFuture.supplyAsync(() -> {
                try (PreparedProgram program = verifier.prepare(Language.PYTHON,
                        "import time\ntime.sleep(4)\nprint('survived')\n")) {
                    return verifier.runAll(program, List.of(RunInput.of("")), RUN).get(0);
                }
            }, threads);
            sleep(300);
            List<String> normalsProcesses = SandboxFixture.slotProcesses(normal);
            assertThat(normalsProcesses).as("the long run, under the other instance's uids").isNotEmpty();
            try (PreparedProgram bomb = bombs.prepare(Language.PYTHON, "import os\nfor _ in range(8):\n    os.fork()\n"
                    + "import time\ntime.sleep(0.2)\n")) {
                // Each run ends with the runner's sweep of every other process it can see: two sweeps here.
                List<RunOutcome> swept = bombs.runAll(bomb, List.of(RunInput.of(""), RunInput.of("")), RUN);
                assertThat(swept).hasSize(2);
            }
            assertThat(longRun.get()).isInstanceOfSatisfying(RunOutcome.Completed.class,
                    done -> assertThat(done.stdout()).isEqualTo("survived\n"));
        }
    }

    @Test
    void whenEveryRangeIsClaimedAnotherInstanceRefusesToStartUntilOneIsFreed() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "slot-locks-");
        try (SlotUidRange first = SlotUidRange.claim(dir, 70000, 8, 2, 4);
                SlotUidRange second = SlotUidRange.claim(dir, 70000, 8, 2, 8)) {
            assertThat(List.of(first.first(), second.first())).containsExactly(70000, 70008);
            assertThatThrownBy(() -> SlotUidRange.claim(dir, 70000, 8, 2, 1))
                    .hasMessageContaining("every one of the 2 ranges").hasMessageContaining("slot-ranges");
            first.close();
            try (SlotUidRange third = SlotUidRange.claim(dir, 70000, 8, 2, 1)) {
                assertThat(third.first()).isEqualTo(70000);
                assertThat(third.uid(3)).isEqualTo(70003);
            }
        }
        assertThatThrownBy(() -> SlotUidRange.claim(dir, 70000, 8, 2, 9)).hasMessageContaining("slot-range-size");
    }

    /**
     * The sessions' PID namespaces of processes listed as {@code pid:name}, those still alive; the host's own (where
     * each session's outer bubblewrap process lives) is left out.
     */
    private static Set<String> pidNamespaces(List<String> processes) {
        Set<String> namespaces = new HashSet<>();
        try {
            String host = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            for (String process : processes) {
                try {
                    String namespace = Files.readSymbolicLink(Path.of("/proc",
                            process.substring(0, process.indexOf(':')), "ns", "pid")).toString();
                    if (!namespace.equals(host)) {
                        namespaces.add(namespace);
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read this process's PID namespace", e);
        }
        return namespaces;
    }

    private static ProgramRunner runner(Sandbox sandbox) {
        return new ProgramRunner(sandbox, "/usr/bin/g++", RUN, (language, outcome) -> {
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
