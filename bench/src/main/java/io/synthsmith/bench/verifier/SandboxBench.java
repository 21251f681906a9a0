package io.synthsmith.bench.verifier;

import io.synthsmith.verifier.sandbox.Executable;
import io.synthsmith.verifier.sandbox.RunOutcome;
import io.synthsmith.verifier.sandbox.Sandbox;
import io.synthsmith.verifier.sandbox.SandboxLimits;
import io.synthsmith.verifier.sandbox.SandboxOptions;
import io.synthsmith.verifier.sandbox.SandboxSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sandboxed runs per second of a short Python program (one session per worker, a forked child per run) against
 * bare {@code /usr/bin/python3 prog.py < input} spawns at the same parallelism, in the same invocation. Prints one
 * JSON line.
 */
public final class SandboxBench {

    private static final String PROGRAM = "import sys\nn = int(sys.stdin.readline())\nprint(sum(range(n)))\n";
    private static final SandboxLimits LIMITS = new SandboxLimits(2_000, 5_000, 256L << 20, 64L << 20, 1 << 20,
            1 << 20, 16);

    private SandboxBench() {
    }

    public static void main(String[] args) throws Exception {
        int parallelism = Runtime.getRuntime().availableProcessors();
        int runs = 2000;
        String python = "/usr/bin/python3";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--python" -> python = args[++i];
                case "-h", "--help" -> {
                    System.out.println("synthsmith bench verifier [--parallelism N (cores)] [--runs N (2000)]"
                            + " [--python /usr/bin/python3]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see --help");
            }
        }
        int workers = parallelism;
        int perWorker = Math.max(1, runs / workers);
        try (Sandbox sandbox = new Sandbox(new SandboxOptions("/usr/bin/bwrap", "/usr/bin/setpriv", python,
                List.of("/usr"), 61000, 64L << 20, workers, 1))) {
            List<String> problems = sandbox.isolationProblems();
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the sandbox is not isolated here: " + problems);
            }
            sandboxed(sandbox, workers, Math.min(perWorker, 100));
            bare(python, workers, Math.min(perWorker, 50));
            double sandboxedRate = sandboxed(sandbox, workers, perWorker);
            double bareRate = bare(python, workers, perWorker);
            System.out.printf(Locale.ROOT, "{\"runs\":%d,\"parallelism\":%d,\"sandboxed_runs_per_second\":%.1f,"
                    + "\"bare_spawns_per_second\":%.1f,\"ratio_to_bare\":%.2f}%n", perWorker * workers, workers,
                    sandboxedRate, bareRate, sandboxedRate / bareRate);
        }
    }

    private static double sandboxed(Sandbox sandbox, int workers, int perWorker) throws Exception {
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                done.add(pool.submit(() -> {
                    try (SandboxSession session = sandbox.open(new Executable.PythonSource(PROGRAM),
                            Optional.empty())) {
                        for (int i = 0; i < perWorker; i++) {
                            RunOutcome outcome = session.run((worker * perWorker + i) % 1000 + "\n", List.of(),
                                    LIMITS);
                            if (!(outcome instanceof RunOutcome.Completed)) {
                                failures.incrementAndGet();
                            }
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " sandboxed runs did not complete");
        }
        return workers * perWorker / seconds;
    }

    private static double bare(String python, int workers, int perWorker) throws Exception {
        Path dir = Files.createTempDirectory("synthsmith-bench-");
        Path program = Files.writeString(dir.resolve("prog.py"), PROGRAM);
        Path input = Files.writeString(dir.resolve("input.txt"), "999\n");
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perWorker; i++) {
                        Process process = new ProcessBuilder(python, program.toString())
                                .redirectInput(input.toFile()).start();
                        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                        if (process.waitFor() != 0 || out.isBlank()) {
                            throw new IllegalStateException("bare python failed");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            SandboxSession.deleteTree(dir);
        }
        return workers * perWorker / ((System.nanoTime() - start) / 1e9);
    }
}
