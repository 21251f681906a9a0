package io.synthsmith.bench.evolvertree;

import io.synthsmith.bench.BenchArguments;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Options of {@code bench evolver-tree}.
 *
 * @param sizes      tree sizes (feature nodes) at which to measure, ascending; the first is the baseline
 * @param merges     seed merges measured at each size (the writing replica); measured seeds (and those before a
 *                   measured catch-up) bring one new node and {@code newPerSeed + hitsPerSeed - 1} known ones, so that
 *                   measuring hardly grows the tree
 * @param samples    subtree samples measured at each size (the following replica)
 * @param warmups    rounds of every measurement at the first size before it is measured, not counted (JIT)
 * @param catchUps   catch-ups of the following replica measured at each size, each after {@code perCatchUp} merges
 * @param perCatchUp merges the writing replica makes before each measured catch-up
 * @param newPerSeed new feature nodes one synthetic seed merges (besides {@code hitsPerSeed} known ones)
 * @param hitsPerSeed known feature nodes one synthetic seed merges again (frequency +1)
 * @param fanout     children per feature node of the synthetic tree (nine categories at the top)
 * @param heap       the Infinispan server's heap
 * @param dir        where the server keeps its data
 */
record EvolverTreeBenchOptions(List<Integer> sizes, int merges, int samples, int warmups, int catchUps, int perCatchUp,
        int newPerSeed, int hitsPerSeed, int fanout, String heap, Path dir) {

    static final String USAGE = """
            usage: synthsmith bench evolver-tree [--sizes 1000,100000,500000] [--merges 200] [--samples 1000] [--warmups 2]
                                                 [--catch-ups 40] [--per-catch-up 5] [--new-per-seed 30]
                                                 [--hits-per-seed 10] [--fanout 40] [--heap 2g] [--dir D]
            Grows a synthetic feature tree through the task-evolver's own FeatureTreeStore on a real Infinispan
            server (its own JVM, file store) to each size in turn. Two replicas (two Hot Rod clients, each with its
            own store and in-memory index, in this process): one merges seeds, the other follows and samples.
            Prints one JSON line per size and a summary with the cost per operation relative to the first size.""";

    static EvolverTreeBenchOptions parse(String[] args) {
        BenchArguments a = BenchArguments.parse(args, Set.of("--sizes", "--merges", "--samples", "--warmups",
                "--catch-ups", "--per-catch-up", "--new-per-seed", "--hits-per-seed", "--fanout", "--heap", "--dir"),
                USAGE);
        return new EvolverTreeBenchOptions(a.integers("--sizes", List.of(1_000, 100_000, 500_000)),
                a.integer("--merges", 200), a.integer("--samples", 1_000), a.integer("--warmups", 2),
                a.integer("--catch-ups", 40), a.integer("--per-catch-up", 5), a.integer("--new-per-seed", 30),
                a.integer("--hits-per-seed", 10), a.integer("--fanout", 40), a.text("--heap", "2g"),
                Path.of(a.text("--dir", "bench/target/evolver-tree-bench")));
    }
}
