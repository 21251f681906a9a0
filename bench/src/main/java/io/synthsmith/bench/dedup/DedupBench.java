package io.synthsmith.bench.dedup;

import io.synthsmith.dedup.contamination.BenchmarkIndex;
import io.synthsmith.dedup.decision.Deduplicator;
import io.synthsmith.dedup.decision.Verdict;
import io.synthsmith.dedup.index.IndexCache;
import io.synthsmith.dedup.index.SharedIndex;
import io.synthsmith.dedup.minhash.Fingerprint;
import io.synthsmith.dedup.minhash.Fingerprinter;
import io.synthsmith.dedup.minhash.MinHashScheme;
import io.synthsmith.embedded.infinispan.InfinispanServer;
import io.synthsmith.messages.Accepted;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;

/**
 * The dedup index at growing sizes: throughput and cost per task when the index holds 1k, 100k and 1M tasks.
 * The index is the service's own (SharedIndex in the default file-store cache on a real Infinispan server); the
 * tasks are synthetic statements of random words, each size reached by bulk-loading unique tasks. At each size
 * the same mix is decided through the Deduplicator: 80% new tasks, 10% exact copies and 10% near-copies (one word
 * changed) of indexed tasks. The first size is the baseline the others are compared with.
 */
public final class DedupBench {

    private static final String NAMESPACE_RUN = "bench";
    private static final int VOCABULARY = 50_000;

    private final DedupBenchOptions options;
    private final MinHashScheme scheme = MinHashScheme.defaults();
    private final Fingerprinter fingerprinter = new Fingerprinter(scheme);

    private DedupBench(DedupBenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        DedupBenchOptions options;
        try {
            options = DedupBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        new DedupBench(options).run();
    }

    private void run() throws Exception {
        Files.createDirectories(options.dir());
        java.nio.file.Path serverDir = Files.createTempDirectory(options.dir().toAbsolutePath(), "infinispan-");
        progress("starting Infinispan (heap %s) under %s", options.heap(), serverDir);
        InfinispanServer server = InfinispanServer.start(new InfinispanServer.Settings(serverDir, 0, options.heap()));
        RemoteCacheManager client = new RemoteCacheManager(new ConfigurationBuilder()
                .addServers(server.hotRodHosts()).socketTimeout(120_000).build());
        try {
            SharedIndex index = new SharedIndex(IndexCache.open(client, IndexCache.DEFAULT_NAME,
                    IndexCache.DEFAULT_CONFIGURATION), scheme, 0.75, 64);
            Deduplicator deduplicator = new Deduplicator(fingerprinter, index,
                    new BenchmarkIndex(List.of(), fingerprinter, 13, 0.7), Accepted.Scope.RUN, Duration.ofMinutes(1));
            List<String> lines = new ArrayList<>();
            Figures baseline = null;
            int loaded = 0;
            int round = 0;
            for (int size : options.sizes()) {
                loaded = preload(index, loaded, size);
                decide(deduplicator, index, size, round++, options.warmup());
                Figures figures = decide(deduplicator, index, size, round++, options.measured());
                if (baseline == null) {
                    baseline = figures;
                }
                String line = figures.json(baseline);
                lines.add(line);
                System.out.println(line);
            }
            System.out.println(String.format(Locale.ROOT,
                    "{\"summary\":true,\"sizes\":%s,\"concurrency\":%d,\"measured\":%d,\"heap\":\"%s\","
                            + "\"cost_ratio_last_to_first\":%.3f}",
                    options.sizes(), options.concurrency(), options.measured(), options.heap(),
                    lastRatio(lines)));
        } finally {
            client.close();
            server.stop();
        }
    }

    /**
     * Bulk-loads synthetic tasks number {@code from} to {@code to} (exclusive), in parallel batches. The tasks that
     * earlier measurements decided unique stay indexed too, so the index holds a little more than {@code to}.
     */
    private int preload(SharedIndex index, int from, int to) throws Exception {
        long start = System.nanoTime();
        AtomicLong done = new AtomicLong();
        ExecutorService loaders = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int batchStart = from; batchStart < to; batchStart += options.batch()) {
                int first = batchStart;
                int last = Math.min(to, batchStart + options.batch());
                batches.add(loaders.submit(() -> {
                    Map<String, Fingerprint> tasks = new HashMap<>();
                    for (int i = first; i < last; i++) {
                        tasks.put(indexedId(i), fingerprinter.of(statement(i)));
                    }
                    index.load(namespace(), NAMESPACE_RUN, tasks);
                    long total = done.addAndGet(last - first);
                    if (total % 100_000 < options.batch()) {
                        progress("preloaded %,d of %,d tasks", from + total, to);
                    }
                }));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } finally {
            loaders.shutdown();
        }
        progress("index at %,d tasks (%,d loaded in %.1f s)", to, to - from, (System.nanoTime() - start) / 1e9);
        return to;
    }

    private Figures decide(Deduplicator deduplicator, SharedIndex index, int size, int round, int count)
            throws Exception {
        SplittableRandom random = new SplittableRandom(round * 7919L + 1);
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int kind = i % 10;
            int original = random.nextInt(size);
            String id = "task-r" + round + "-" + i;
            probes.add(switch (kind) {
                case 0 -> new Probe(id, statement(original), "duplicate");
                case 1 -> new Probe(id, nearCopy(statement(original)), "near_duplicate");
                default -> new Probe(id, statement(1_000_000_000 + round * 1_000_000 + i), "unique");
            });
        }
        long operationsBefore = index.operations();
        AtomicLong latencyNanos = new AtomicLong();
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(options.concurrency());
        long start = System.nanoTime();
        List<Future<String>> outcomes = new ArrayList<>();
        for (Probe probe : probes) {
            slots.acquireUninterruptibly();
            outcomes.add(workers.submit(() -> {
                try {
                    long t0 = System.nanoTime();
                    Verdict verdict = deduplicator.decide(NAMESPACE_RUN, probe.id, probe.statement).verdict();
                    latencyNanos.addAndGet(System.nanoTime() - t0);
                    return verdict.outcome();
                } finally {
                    slots.release();
                }
            }));
        }
        Map<String, Integer> right = new HashMap<>();
        int unique = 0;
        for (int i = 0; i < probes.size(); i++) {
            String outcome = outcomes.get(i).get();
            if (outcome.equals(probes.get(i).expected)) {
                right.merge(outcome, 1, Integer::sum);
            }
            if (outcome.equals("unique")) {
                unique++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        workers.shutdown();
        return new Figures(size, count, seconds, latencyNanos.get() / 1e6 / count,
                (double) (index.operations() - operationsBefore) / count, right, unique);
    }

    private record Probe(String id, String statement, String expected) {
    }

    private record Figures(int size, int tasks, double seconds, double meanLatencyMillis, double operationsPerTask,
            Map<String, Integer> right, int unique) {

        double tasksPerSecond() {
            return tasks / seconds;
        }

        /** Wall-clock time per task at the configured concurrency: what a replica pays per task. */
        double costMillis() {
            return seconds * 1000 / tasks;
        }

        String json(Figures baseline) {
            return String.format(Locale.ROOT,
                    "{\"index_size\":%d,\"tasks\":%d,\"seconds\":%.2f,\"tasks_per_second\":%.1f,"
                            + "\"cost_ms_per_task\":%.3f,\"mean_latency_ms\":%.3f,\"remote_ops_per_task\":%.1f,"
                            + "\"found\":{\"unique\":%d,\"duplicate\":%d,\"near_duplicate\":%d},"
                            + "\"cost_ratio_to_baseline\":%.3f,\"baseline_index_size\":%d}",
                    size, tasks, seconds, tasksPerSecond(), costMillis(), meanLatencyMillis, operationsPerTask,
                    right.getOrDefault("unique", 0), right.getOrDefault("duplicate", 0),
                    right.getOrDefault("near_duplicate", 0), costMillis() / baseline.costMillis(), baseline.size);
        }
    }

    private static double lastRatio(List<String> lines) {
        String last = lines.get(lines.size() - 1);
        int at = last.indexOf("\"cost_ratio_to_baseline\":") + "\"cost_ratio_to_baseline\":".length();
        return Double.parseDouble(last.substring(at, last.indexOf(',', at)));
    }

    private String namespace() {
        return "run:" + NAMESPACE_RUN;
    }

    private static String indexedId(int i) {
        return "task-indexed-" + i;
    }

    /** A statement of random words, the same for the same number on every run. */
    private String statement(long number) {
        // Mixed, not stepped: seeds a fixed stride apart would give SplittableRandom shifted copies of one stream.
        long seed = number * 0xff51afd7ed558ccdL;
        seed ^= seed >>> 33;
        SplittableRandom random = new SplittableRandom(seed * 0xc4ceb9fe1a85ec53L ^ number);
        StringBuilder text = new StringBuilder();
        IntStream.range(0, options.words()).forEach(i -> text.append('w').append(random.nextInt(VOCABULARY))
                .append(' '));
        return text.toString();
    }

    private static String nearCopy(String statement) {
        int space = statement.indexOf(' ', statement.length() / 2);
        int next = statement.indexOf(' ', space + 1);
        return statement.substring(0, space + 1) + "changed" + statement.substring(next);
    }

    private static void progress(String format, Object... args) {
        System.err.println("bench dedup: " + String.format(Locale.ROOT, format, args));
    }
}
