package io.synthsmith.bench.dedup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@code bench dedup}.
 *
 * @param sizes       index sizes (tasks) at which to measure, ascending; the first is the baseline
 * @param measured    tasks decided at each size (a tenth exact copies, a tenth near-copies of indexed tasks)
 * @param warmup      tasks decided before each measurement, not counted
 * @param concurrency decisions in flight at once, as a replica's max-in-flight
 * @param batch       entries per putAll while preloading
 * @param words       words per synthetic statement
 * @param heap        the Infinispan server's heap
 * @param dir         where the server keeps its data
 */
record DedupBenchOptions(List<Integer> sizes, int measured, int warmup, int concurrency, int batch, int words,
        String heap, Path dir) {

    static final String USAGE = """
            usage: synthsmith bench dedup [--sizes 1000,100000,1000000] [--measured 4000] [--warmup 1000]
                                          [--concurrency 16] [--batch 500] [--words 120] [--heap 6g] [--dir D]
            Preloads the shared index in a real Infinispan server (its own JVM, file store) to each size in turn and
            decides --measured tasks through the real Deduplicator at each; prints one JSON line per size and a
            summary with the cost per task relative to the first size.""";

    static DedupBenchOptions parse(String[] args) {
        List<Integer> sizes = List.of(1_000, 100_000, 1_000_000);
        int measured = 4_000;
        int warmup = 1_000;
        int concurrency = 16;
        int batch = 500;
        int words = 120;
        String heap = "6g";
        Path dir = Path.of("bench/target/dedup-bench");
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--sizes" -> {
                    List<Integer> parsed = new ArrayList<>();
                    for (String size : value.split(",")) {
                        parsed.add(Integer.parseInt(size.trim()));
                    }
                    sizes = List.copyOf(parsed);
                }
                case "--measured" -> measured = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--batch" -> batch = Integer.parseInt(value);
                case "--words" -> words = Integer.parseInt(value);
                case "--heap" -> heap = value;
                case "--dir" -> dir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        return new DedupBenchOptions(sizes, measured, warmup, concurrency, batch, words, heap, dir);
    }
}
