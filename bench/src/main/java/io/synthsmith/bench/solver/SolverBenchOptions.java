package io.synthsmith.bench.solver;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code bin/synthsmith bench solver}.
 *
 * @param solverJar        the solver service to run ({@code solver/target/quarkus-app/quarkus-run.jar})
 * @param tasks            measured tasks
 * @param warmupTasks      tasks solved before measuring, to warm the service up
 * @param latencyMs        the scripted server's fixed latency per request
 * @param capacity         requests the scripted server serves at once (more queue); also the solver's and the
 *                         baseline's concurrency cap
 * @param maxInFlightTasks the solver's synthsmith.solver.max-in-flight-tasks
 */
record SolverBenchOptions(Path solverJar, int tasks, int warmupTasks, long latencyMs, int capacity,
                          int maxInFlightTasks) {

    static final String USAGE = """
            usage: synthsmith bench solver [--tasks N] [--warmup-tasks N] [--latency-ms MS] [--capacity N]
                                           [--max-in-flight-tasks N] [--solver-jar PATH]

            Runs the real solver service on a real Kafka broker against a scripted LLM server (scripted
            replies, not a model) that serves --capacity requests at once, each taking --latency-ms, and
            measures the share of those slots the solver keeps busy. In the same invocation a baseline
            LlmClient sends the same number of requests straight to the server with the same cap.
            Prints one JSON line on stdout.

              --tasks N                 measured tasks, four requests each (default 400)
              --warmup-tasks N          tasks solved first, not measured (default 32)
              --latency-ms MS           scripted latency per request (default 2000)
              --capacity N              scripted server slots; solver and baseline cap (default 64)
              --max-in-flight-tasks N   the solver's synthsmith.solver.max-in-flight-tasks (default 64)
              --solver-jar PATH         default solver/target/quarkus-app/quarkus-run.jar
            """;

    private static final Set<String> OPTIONS = Set.of("--solver-jar", "--tasks", "--warmup-tasks", "--latency-ms",
            "--capacity", "--max-in-flight-tasks");

    static SolverBenchOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i])) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            given.put(args[i], args[i + 1]);
        }
        return new SolverBenchOptions(
                Path.of(given.getOrDefault("--solver-jar", "solver/target/quarkus-app/quarkus-run.jar")),
                whole(given, "--tasks", 400, 1), whole(given, "--warmup-tasks", 32, 0),
                whole(given, "--latency-ms", 2000, 1), whole(given, "--capacity", 64, 1),
                whole(given, "--max-in-flight-tasks", 64, 1));
    }

    private static int whole(Map<String, String> given, String option, int fallback, int minimum) {
        String text = given.get(option);
        if (text == null) {
            return fallback;
        }
        if (!text.matches("[0-9]{1,9}") || Integer.parseInt(text) < minimum) {
            throw new IllegalArgumentException(option + " needs a whole number of at least " + minimum + ", got '"
                    + text + "'");
        }
        return Integer.parseInt(text);
    }
}
