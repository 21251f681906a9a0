package io.synthsmith.evolver.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.evolver.features.FeaturePath;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The index a replica keeps current change by change answers every query as an index built at once from the
 * whole tree: nodes, frequencies, seeds, children, leaves (a leaf that gets a child stops being one), depth and
 * co-occurrence edges.
 */
class TreeSnapshotTest {

    @Test
    void anIndexKeptCurrentChangeByChangeAnswersAsOneBuiltFromTheWholeTree() {
        Random random = new Random(11);
        TreeSnapshot followed = TreeSnapshot.empty("t");
        Map<FeaturePath, Long> frequencies = new HashMap<>();
        Map<FeaturePath, List<String>> seeds = new HashMap<>();
        Map<FeaturePath, Map<FeaturePath, Long>> edges = new HashMap<>();
        for (int change = 1; change <= 300; change++) {
            String seed = "seed-" + change;
            Map<FeaturePath, Integer> counts = new LinkedHashMap<>();
            for (int i = 0; i < 4; i++) {
                FeaturePath path = FeaturePath.of("cat " + random.nextInt(3), "inner " + random.nextInt(4));
                for (int d = 0; d < random.nextInt(3); d++) {
                    path = path.child("n" + random.nextInt(3));
                }
                counts.merge(path, 1 + random.nextInt(2), Integer::sum);
            }
            List<FeaturePath> group = List.copyOf(counts.keySet());
            counts.forEach((path, count) -> {
                frequencies.merge(path, (long) count, Long::sum);
                List<String> on = seeds.computeIfAbsent(path, p -> new java.util.ArrayList<>());
                if (on.size() < 2) {
                    on.add(seed);
                }
            });
            for (FeaturePath a : group) {
                for (FeaturePath b : group) {
                    if (!a.equals(b)) {
                        edges.computeIfAbsent(a, k -> new HashMap<>()).merge(b, 1L, Long::sum);
                    }
                }
            }
            followed.apply(change, seed, counts, List.of(group), 2);
        }
        Map<FeaturePath, FeatureNode> nodes = new HashMap<>();
        frequencies.forEach((path, f) -> nodes.put(path, new FeatureNode(path, f, seeds.get(path))));
        TreeSnapshot whole = new TreeSnapshot("t", nodes, edges);

        assertThat(followed.version()).isEqualTo(300);
        assertThat(followed.size()).isEqualTo(whole.size());
        assertThat(followed.depth()).isEqualTo(whole.depth());
        assertThat(followed.categories()).isEqualTo(whole.categories());
        assertThat(followed.leaves()).containsExactlyInAnyOrderElementsOf(whole.leaves());
        assertThat(followed.leafCount()).isEqualTo(whole.leaves().size());
        assertThat(followed.edgeCount()).isEqualTo(whole.edgeCount()).isPositive();
        for (FeaturePath path : whole.paths()) {
            assertThat(followed.node(path)).isEqualTo(whole.node(path));
            assertThat(followed.childrenOf(path)).containsExactlyInAnyOrderElementsOf(whole.childrenOf(path));
            assertThat(followed.isLeaf(path)).isEqualTo(whole.isLeaf(path));
            assertThat(followed.neighbours(path)).isEqualTo(whole.neighbours(path));
        }
        for (FeaturePath category : whole.categories()) {
            assertThat(followed.frequency(category)).isEqualTo(whole.frequency(category));
            assertThat(followed.leavesUnder(category)).containsExactlyInAnyOrderElementsOf(whole.leavesUnder(category));
        }
        assertThat(followed.top(10)).isEqualTo(whole.top(10));
    }
}
