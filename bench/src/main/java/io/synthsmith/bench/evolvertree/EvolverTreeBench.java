package io.synthsmith.bench.evolvertree;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synthsmith.embedded.infinispan.InfinispanServer;
import io.synthsmith.evolver.features.FeaturePath;
import io.synthsmith.evolver.sampling.SamplingShape;
import io.synthsmith.evolver.sampling.SubtreeSampler;
import io.synthsmith.evolver.tree.FeatureTreeStore;
import io.synthsmith.evolver.tree.SeedMerge;
import io.synthsmith.evolver.tree.TreeSnapshot;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;

/**
 * The feature tree at growing sizes: merge, sample and catch-up cost per operation when the tree holds 1k, 100k and
 * 500k nodes, and the heap one replica's index takes. The store, index and sampler are the task-evolver's own
 * (FeatureTreeStore in the service's default file-store cache configuration on a real Infinispan server; the
 * SubtreeSampler with the service's default shape). The tree is synthetic: nine categories, then {@code fanout}
 * children per node, filled level by level; each seed merges {@code newPerSeed} new nodes (linked as concepts in
 * groups of three, so every leaf has co-occurrence neighbours) and {@code hitsPerSeed} known ones again.
 *
 * <p>Two replicas, each a Hot Rod client with its own store and index (following the log at most every second, the
 * service's default), live in this process: the writer merges, the follower catches up (asked for every entry
 * appended before it) and samples (from its index as it is). The first size is the baseline the others are compared
 * with; it is measured after {@code warmups} uncounted rounds that add no node.
 */
public final class EvolverTreeBench {

    private static final String TREE = "global";
    private static final String CACHE = "<local-cache name=\"{name}\" statistics=\"true\"><encoding "
            + "media-type=\"application/x-protostream\"/><persistence><file-store/></persistence></local-cache>";
    private static final List<String> CATEGORIES = List.of("problem domain", "algorithmic paradigm", "algorithms",
            "mathematics", "problem-solving strategies", "data structures", "coding techniques", "complexity analysis",
            "optimization techniques");
    /** The service's default {@code tree.snapshot-max-age}. */
    private static final Duration FOLLOW_INTERVAL = Duration.ofSeconds(1);
    private static final SamplingShape SERVICE_SHAPE = new SamplingShape(3, 3, 3, 8, 2.0, 4, 50, 8, 0.5, 3);

    private final EvolverTreeBenchOptions options;
    private final SubtreeSampler sampler = new SubtreeSampler(SERVICE_SHAPE);
    private final AtomicLong seeds = new AtomicLong();
    private long nodes;
    private String hosts;

    private EvolverTreeBench(EvolverTreeBenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        EvolverTreeBenchOptions options;
        try {
            options = EvolverTreeBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        new EvolverTreeBench(options).run();
    }

    private void run() throws Exception {
        Files.createDirectories(options.dir());
        Path serverDir = Files.createTempDirectory(options.dir().toAbsolutePath(), "infinispan-");
        progress("starting Infinispan (heap %s) under %s", options.heap(), serverDir);
        InfinispanServer server = InfinispanServer.start(new InfinispanServer.Settings(serverDir, 0, options.heap()));
        hosts = server.hotRodHosts();
        RemoteCacheManager writerClient = client(hosts);
        RemoteCacheManager followerClient = client(hosts);
        try {
            FeatureTreeStore writer = store(writerClient);
            FeatureTreeStore follower = store(followerClient);
            follower.load(TREE);
            List<Figures> all = new ArrayList<>();
            for (int size : options.sizes()) {
                grow(writer, size);
                double growthCatchUpMillis = millis(() -> follower.load(TREE));
                if (all.isEmpty()) {
                    for (int round = 0; round < options.warmups(); round++) {
                        progress("warm-up round %d at %,d nodes (not counted)", round + 1, nodes);
                        measure(writer, follower, size, growthCatchUpMillis, 0);
                    }
                }
                Figures figures = measure(writer, follower, size, growthCatchUpMillis, 1);
                all.add(figures);
                System.out.println(figures.json(all.get(0)));
            }
            Figures first = all.get(0);
            Figures last = all.get(all.size() - 1);
            System.out.println(String.format(Locale.ROOT,
                    "{\"summary\":true,\"sizes\":%s,\"merge_cost_ratio_last_to_first\":%.3f,"
                            + "\"sample_cost_ratio_last_to_first\":%.3f,\"catch_up_cost_ratio_last_to_first\":%.3f,"
                            + "\"index_heap_mb_at_last\":%.1f,\"cores\":%d}",
                    options.sizes(), last.mergeMillis / first.mergeMillis, last.sampleMillis / first.sampleMillis,
                    last.catchUpMillis / first.catchUpMillis, last.indexHeapMb,
                    Runtime.getRuntime().availableProcessors()));
        } finally {
            writerClient.close();
            followerClient.close();
            server.stop();
        }
    }

    /** Merges synthetic seeds (four at a time, unmeasured) until the tree holds at least {@code size} nodes. */
    private void grow(FeatureTreeStore writer, int size) throws Exception {
        long start = System.nanoTime();
        long from = nodes;
        ExecutorService merging = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            while (nodes < size) {
                long first = nodes;
                nodes += options.newPerSeed();
                running.add(merging.submit(() -> mergeSeed(writer, first, options.newPerSeed())));
                if (running.size() >= 64) {
                    for (Future<?> merge : running) {
                        merge.get();
                    }
                    running.clear();
                }
                if (nodes / 100_000 != (nodes - options.newPerSeed()) / 100_000) {
                    progress("tree at %,d nodes", nodes);
                }
            }
            for (Future<?> merge : running) {
                merge.get();
            }
        } finally {
            merging.shutdown();
        }
        progress("tree at %,d nodes (%,d merged in %.1f s)", nodes, nodes - from, (System.nanoTime() - start) / 1e9);
    }

    /** Measures every operation once; each merge brings {@code newPerMerge} new nodes (none in a warm-up round). */
    private Figures measure(FeatureTreeStore writer, FeatureTreeStore follower, int size, double growthCatchUpMillis,
            int newPerMerge) throws Exception {
        String load = loadAverage();
        double[] merges = new double[options.merges()];
        for (int i = 0; i < merges.length; i++) {
            long first = nodes;
            nodes += newPerMerge;
            merges[i] = millis(() -> mergeSeed(writer, first, newPerMerge));
        }
        double[] catchUps = new double[options.catchUps()];
        for (int i = 0; i < catchUps.length; i++) {
            for (int m = 0; m < options.perCatchUp(); m++) {
                mergeSeed(writer, nodes, newPerMerge);
                nodes += newPerMerge;
            }
            catchUps[i] = millis(() -> follower.load(TREE));
        }
        double[] samples = new double[options.samples()];
        int leaves = 0;
        for (int i = 0; i < samples.length; i++) {
            Random random = new Random(i);
            int[] drawn = new int[1];
            samples[i] = millis(() -> drawn[0] = sampler.sample(follower.snapshot(TREE), random).candidates().size());
            leaves += drawn[0];
        }
        TreeSnapshot index = follower.snapshot(TREE);
        // The follower's index: heap with both replicas, less heap once a fresh replica has only read the tree.
        long withBoth = usedHeap();
        RemoteCacheManager freshClient = client(hosts);
        double fullLoadMillis;
        long withThree;
        try {
            FeatureTreeStore fresh = store(freshClient);
            fullLoadMillis = millis(() -> fresh.load(TREE));
            withThree = usedHeap();
            if (fresh.snapshot(TREE).size() != index.size()) {
                throw new IllegalStateException("a fresh replica read " + fresh.snapshot(TREE).size()
                        + " nodes, the follower has " + index.size());
            }
        } finally {
            freshClient.close();
        }
        return new Figures(size, index.size(), index.leafCount(), index.edgeCount(), index.version(),
                mean(merges), median(merges), mean(samples), median(samples), (double) leaves / samples.length,
                mean(catchUps), median(catchUps), options.perCatchUp(), growthCatchUpMillis, fullLoadMillis,
                (withThree - withBoth) / 1048576.0, withBoth / 1048576.0, load + " -> " + loadAverage());
    }

    /**
     * Merges one synthetic seed: {@code fresh} new nodes from {@code first} on, and known nodes again, so that every
     * seed merges {@code newPerSeed + hitsPerSeed} paths.
     */
    private void mergeSeed(FeatureTreeStore writer, long first, int freshCount) {
        long seed = seeds.incrementAndGet();
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
        SeedMerge merge = writer.merge(TREE, "bench-seed-" + seed);
        List<FeaturePath> fresh = new ArrayList<>();
        for (long n = first; n < first + freshCount; n++) {
            fresh.add(pathOf(n));
        }
        merge.add(fresh);
        for (int g = 0; g + 1 < fresh.size(); g += 3) {
            merge.link(fresh.subList(g, Math.min(fresh.size(), g + 3)));
        }
        if (first > 0) {
            List<FeaturePath> known = new ArrayList<>();
            for (int h = 0; h < options.newPerSeed() + options.hitsPerSeed() - freshCount; h++) {
                known.add(pathOf(random.nextLong(first)));
            }
            merge.add(known);
        }
        merge.commit();
    }

    /**
     * Node {@code n} of the synthetic tree, numbered level by level: nine categories, then {@code fanout} children
     * per node, so a node's parent always comes before it.
     */
    FeaturePath pathOf(long n) {
        long fanout = options.fanout();
        long level = CATEGORIES.size() * fanout;
        int depth = 2;
        long index = n;
        while (index >= level) {
            index -= level;
            level *= fanout;
            depth++;
        }
        List<String> segments = new ArrayList<>();
        segments.add(CATEGORIES.get((int) (index % CATEGORIES.size())));
        long below = index / CATEGORIES.size();
        for (int d = 2; d <= depth; d++) {
            long scale = (long) Math.pow(fanout, depth - d);
            segments.add("synthetic feature " + (below / scale));
        }
        return new FeaturePath(segments);
    }

    private static FeatureTreeStore store(RemoteCacheManager client) {
        return new FeatureTreeStore(client, "synthsmith-features-bench-", CACHE, 3, FOLLOW_INTERVAL,
                new SimpleMeterRegistry());
    }

    private static RemoteCacheManager client(String hosts) {
        return new RemoteCacheManager(new ConfigurationBuilder().addServers(hosts).socketTimeout(120_000).build());
    }

    private static double millis(Runnable operation) {
        long start = System.nanoTime();
        operation.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private record Figures(int size, int nodes, int leaves, long edges, long logEntries, double mergeMillis,
            double mergeMedian, double sampleMillis, double sampleMedian, double sampledLeaves, double catchUpMillis,
            double catchUpMedian, int entriesPerCatchUp, double growthCatchUpMillis, double fullLoadMillis,
            double indexHeapMb, double heapWithTwoReplicasMb, String loadAverage) {

        String json(Figures baseline) {
            return String.format(Locale.ROOT,
                    "{\"size\":%d,\"nodes\":%d,\"leaves\":%d,\"edges\":%d,\"log_entries\":%d,"
                            + "\"merge_ms\":{\"mean\":%.3f,\"median\":%.3f,\"ratio_to_baseline\":%.3f},"
                            + "\"sample_ms\":{\"mean\":%.3f,\"median\":%.3f,\"ratio_to_baseline\":%.3f,"
                            + "\"candidate_leaves\":%.1f},"
                            + "\"catch_up_ms\":{\"mean\":%.3f,\"median\":%.3f,\"entries\":%d,\"ratio_to_baseline\":%.3f},"
                            + "\"catch_up_after_growth_ms\":%.1f,\"full_load_ms\":%.1f,\"index_heap_mb\":%.1f,"
                            + "\"heap_used_two_replicas_mb\":%.1f,\"load_average\":\"%s\",\"baseline_size\":%d}",
                    size, nodes, leaves, edges, logEntries, mergeMillis, mergeMedian, mergeMillis / baseline.mergeMillis,
                    sampleMillis, sampleMedian, sampleMillis / baseline.sampleMillis, sampledLeaves, catchUpMillis,
                    catchUpMedian, entriesPerCatchUp, catchUpMillis / baseline.catchUpMillis, growthCatchUpMillis,
                    fullLoadMillis, indexHeapMb, heapWithTwoReplicasMb, loadAverage, baseline.size);
        }
    }

    private static void progress(String format, Object... args) {
        System.err.println("bench evolver-tree: " + String.format(Locale.ROOT, format, args));
    }
}
