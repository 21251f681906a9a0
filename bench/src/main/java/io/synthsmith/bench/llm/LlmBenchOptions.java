package io.synthsmith.bench.llm;

import java.util.Optional;

/**
 * The options of {@code bin/synthsmith bench llm}.
 *
 * @param baseUrl     the endpoint to measure, or empty with {@code scripted}
 * @param model       the model to ask
 * @param scripted    whether to measure a scripted server started in this process
 * @param latencyMs   the scripted server's fixed latency
 * @param capacity    the scripted server's capacity (requests served at once)
 * @param concurrency the client's concurrency cap, and the bare baseline's requests in flight
 * @param requests    measured requests per run
 * @param warmup      requests sent before measuring, per client
 * @param maxTokens   {@code max_tokens} of each request, to keep a paid endpoint cheap
 * @param baseline    whether to measure the bare Vert.x baseline too
 */
record LlmBenchOptions(Optional<String> baseUrl, String model, boolean scripted, long latencyMs, int capacity,
                       int concurrency, int requests, int warmup, int maxTokens, boolean baseline) {

    static final String USAGE = """
            usage: synthsmith bench llm (--base-url URL --model M | --scripted [--latency-ms MS] [--capacity N])
                                        [--concurrency C] [--requests N] [--warmup N] [--max-tokens N] [--no-baseline]

            Measures the SynthSmith LLM client (retries, AIMD limiter, parsing, metrics) against an
            OpenAI-compatible endpoint and, in the same invocation, a bare Vert.x HTTP client loop that keeps
            C requests in flight with no limiter or retries. Prints one JSON line on stdout.

              --base-url URL     endpoint base URL, e.g. http://localhost:8000/v1 (key from SYNTHSMITH_LLM_API_KEY)
              --model M          model name (default: scripted)
              --scripted         start a scripted server (not a model) in this process instead
              --latency-ms MS    scripted server latency per request (default 200)
              --capacity N       scripted server concurrent requests served; more queue (default 64)
              --concurrency C    client concurrency cap and baseline in-flight requests (default 64)
              --requests N       measured requests per run (default 4000)
              --warmup N         warm-up requests per client before measuring (default 1000)
              --max-tokens N     max_tokens per request (default 16)
              --no-baseline      skip the bare baseline (it sends --requests more requests)
            """;

    static LlmBenchOptions parse(String[] args) {
        String baseUrl = null;
        String model = "scripted";
        boolean scripted = false;
        long latencyMs = 200;
        int capacity = 64;
        int concurrency = 64;
        int requests = 4000;
        int warmup = 1000;
        int maxTokens = 16;
        boolean baseline = true;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--scripted" -> scripted = true;
                case "--no-baseline" -> baseline = false;
                case "--base-url" -> baseUrl = value(args, ++i, option);
                case "--model" -> model = value(args, ++i, option);
                case "--latency-ms" -> latencyMs = number(args, ++i, option);
                case "--capacity" -> capacity = (int) number(args, ++i, option);
                case "--concurrency" -> concurrency = (int) number(args, ++i, option);
                case "--requests" -> requests = (int) number(args, ++i, option);
                case "--warmup" -> warmup = (int) number(args, ++i, option);
                case "--max-tokens" -> maxTokens = (int) number(args, ++i, option);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        if (scripted == (baseUrl != null)) {
            throw new IllegalArgumentException("give either --base-url (with --model) or --scripted");
        }
        if (concurrency < 1 || requests < 1 || capacity < 1) {
            throw new IllegalArgumentException("--concurrency, --requests and --capacity must be at least 1");
        }
        return new LlmBenchOptions(Optional.ofNullable(baseUrl), model, scripted, latencyMs, capacity, concurrency,
                requests, warmup, maxTokens, baseline);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static long number(String[] args, int index, String option) {
        String text = value(args, index, option);
        try {
            long number = Long.parseLong(text);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a non-negative whole number, got '" + text + "'");
        }
    }
}
