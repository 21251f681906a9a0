package io.synthsmith.evolver.diversity;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the tasks of one run use the feature tree: how many tasks, which feature combinations (each task's selected
 * features as a set, kept as a 64-bit hash), and how often each feature was selected. Thread-safe.
 */
public final class FeatureUse {

    private final Map<String, Long> uses = new HashMap<>();
    private final Set<Long> combinations = new HashSet<>();
    private long tasks;
    private int treeLeaves;

    /** One task's selected features, with the number of leaves the tree it was sampled from had. */
    public synchronized void record(List<String> featurePaths, int treeLeaves) {
        tasks++;
        this.treeLeaves = treeLeaves;
        Set<String> distinct = new TreeSet<>(featurePaths);
        distinct.forEach(path -> uses.merge(path, 1L, Long::sum));
        combinations.add(hash(String.join("\n", distinct)));
    }

    /** What the recorded tasks add up to now. */
    public synchronized Diversity diversity() {
        long total = uses.values().stream().mapToLong(Long::longValue).sum();
        double entropy = 0;
        for (long n : uses.values()) {
            double p = (double) n / total;
            entropy -= p * Math.log(p) / Math.log(2);
        }
        double maxEntropy = Math.log(Math.max(treeLeaves, uses.size())) / Math.log(2);
        return new Diversity(tasks, combinations.size(), uses.size(), treeLeaves,
                treeLeaves == 0 ? 0 : Math.min(1.0, (double) uses.size() / treeLeaves), entropy,
                maxEntropy > 0 ? entropy / maxEntropy : 0, gini(uses.values().stream().mapToLong(Long::longValue)
                        .sorted().toArray()));
    }

    /** Gini coefficient of {@code sorted} (ascending): 0 when every value is equal, towards 1 when one holds all. */
    static double gini(long[] sorted) {
        long sum = 0;
        double weighted = 0;
        for (int i = 0; i < sorted.length; i++) {
            sum += sorted[i];
            weighted += (i + 1) * (double) sorted[i];
        }
        int n = sorted.length;
        return n == 0 || sum == 0 ? 0 : (2 * weighted) / (n * (double) sum) - (n + 1.0) / n;
    }

    /** FNV-1a, 64 bits: distinct combinations counted without keeping their text. */
    private static long hash(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
