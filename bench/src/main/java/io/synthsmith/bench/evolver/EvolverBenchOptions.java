package io.synthsmith.bench.evolver;

import java.nio.file.Path;

/**
 * The options of {@code bin/synthsmith bench evolver}.
 *
 * @param evolverJar   the task-evolver service to run ({@code task-evolver/target/quarkus-app/quarkus-run.jar})
 * @param seeds        code seeds produced at once
 * @param latencyMs    the scripted server's latency per request
 * @param capacity     requests the scripted server serves at once, and the evolver's LLM max-concurrency
 * @param seedsInFlight the evolver's seeds-in-flight
 * @param rounds       evolution rounds per seed
 * @param tasksPerSeed generation requests per seed
 */
record EvolverBenchOptions(Path evolverJar, int seeds, long latencyMs, int capacity, int seedsInFlight, int rounds,
                           int tasksPerSeed) {

    static final String USAGE = """
            usage: synthsmith bench evolver [--seeds N] [--latency-ms MS] [--capacity N] [--seeds-in-flight N]
                                            [--rounds N] [--tasks-per-seed N] [--evolver-jar PATH]

            Runs the task-evolver service on an embedded Kafka and Infinispan against a scripted LLM server
            (scripted replies, not a model) with a fixed latency and capacity, produces --seeds code seeds at
            once, and measures how busy the evolver keeps the server's slots while seeds are waiting. The same
            invocation measures a baseline: the LLM client alone, with every request submitted at once.
            Prints one JSON line on stdout.

              --seeds N             seeds produced at once (default 800)
              --latency-ms MS       scripted latency per request (default 500)
              --capacity N          scripted server slots, and the evolver's LLM max-concurrency (default 64)
              --seeds-in-flight N   the evolver's synthsmith.task-evolver.seeds-in-flight (default 128)
              --rounds N            evolution rounds per seed (default 2)
              --tasks-per-seed N    generation requests per seed (default 1)
              --evolver-jar PATH    default task-evolver/target/quarkus-app/quarkus-run.jar
            """;

    static EvolverBenchOptions parse(String[] args) {
        Path jar = Path.of("task-evolver/target/quarkus-app/quarkus-run.jar");
        int seeds = 800;
        int latencyMs = 500;
        int capacity = 64;
        int seedsInFlight = 128;
        int rounds = 2;
        int tasksPerSeed = 1;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--evolver-jar" -> jar = Path.of(value);
                case "--seeds" -> seeds = positive(option, value);
                case "--latency-ms" -> latencyMs = positive(option, value);
                case "--capacity" -> capacity = positive(option, value);
                case "--seeds-in-flight" -> seedsInFlight = positive(option, value);
                case "--rounds" -> rounds = atLeast(option, value, 0);
                case "--tasks-per-seed" -> tasksPerSeed = positive(option, value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new EvolverBenchOptions(jar, seeds, latencyMs, capacity, seedsInFlight, rounds, tasksPerSeed);
    }

    private static int positive(String option, String value) {
        return atLeast(option, value, 1);
    }

    private static int atLeast(String option, String value, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n < min) {
                throw new IllegalArgumentException(option + " must be at least " + min + ", got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, got " + value);
        }
    }
}
