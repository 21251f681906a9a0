package io.synthsmith.bench.verifyeval;

import java.nio.file.Path;

/**
 * Options of {@code synthsmith bench verify-eval}.
 *
 * @param url            the verifier to measure; null to start one (with an embedded Kafka broker)
 * @param token          sent as {@code Authorization: Bearer} when set
 * @param withBruteForce run the pass that sends the brute force
 * @param withoutBruteForce run the pass that leaves it out
 * @param problems       glob over the problem directory names
 * @param details        file for the per-problem JSON lines, or null
 * @param localTimeoutMillis wall-time limit of a local run (truth and majority baseline)
 * @param verifierJar    the verifier's quarkus-run.jar, for a verifier the bench starts
 * @param majority       compute the plain-majority baseline (all candidates run locally: minutes); off only for
 *                       tuning runs, a recorded run includes it
 * @param localCache     JSON file keeping the local runs between bench runs (read when present, written back), or
 *                       null; the programs of the set do not change between runs, their outputs need not either
 */
public record VerifyEvalOptions(String url, String token, boolean withBruteForce, boolean withoutBruteForce,
        String problems, Path details, long localTimeoutMillis, Path verifierJar, boolean majority,
        Path localCache) {

    static final String USAGE = """
            synthsmith bench verify-eval [--url http://127.0.0.1:8083] [--token T] [--problems GLOB]
                                         [--no-brute-force-only | --brute-force-only] [--details FILE]
                                         [--local-timeout-ms 10000] [--no-baseline] [--local-cache FILE]
              Posts each problem of the verify-eval set (bench/src/main/resources/verify-eval) to POST /verify,
              with and without its brute force, and scores the labels and golden solutions against the truth
              of the problem's trusted reference, next to plain majority voting computed by the bench.
              Without --url it starts the built verifier (verifier/target/quarkus-app) with an embedded Kafka.
              Prints one JSON line on stdout, a table and per-problem lines on stderr.
              --no-baseline skips the plain-majority baseline (for tuning runs; record runs with it).
              --local-cache FILE keeps the local runs (truth, baseline) in FILE for the next run.""";

    static VerifyEvalOptions parse(String[] args) {
        String url = null;
        String token = null;
        boolean with = true;
        boolean without = true;
        String problems = "*";
        Path details = null;
        long timeout = 10_000;
        Path jar = Path.of("verifier/target/quarkus-app/quarkus-run.jar");
        boolean majority = true;
        Path cache = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--url" -> url = value(args, ++i, option);
                case "--token" -> token = value(args, ++i, option);
                case "--problems" -> problems = value(args, ++i, option);
                case "--details" -> details = Path.of(value(args, ++i, option));
                case "--local-timeout-ms" -> timeout = Long.parseLong(value(args, ++i, option));
                case "--verifier-jar" -> jar = Path.of(value(args, ++i, option));
                case "--no-brute-force-only" -> with = false;
                case "--brute-force-only" -> without = false;
                case "--no-baseline" -> majority = false;
                case "--local-cache" -> cache = Path.of(value(args, ++i, option));
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (!with && !without) {
            throw new IllegalArgumentException("--no-brute-force-only and --brute-force-only leave nothing to run");
        }
        if (token == null) {
            token = System.getenv("SYNTHSMITH_API_TOKEN");
        }
        return new VerifyEvalOptions(url, token, with, without, problems, details, timeout, jar, majority, cache);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
