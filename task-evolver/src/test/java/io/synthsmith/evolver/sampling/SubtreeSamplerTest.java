package io.synthsmith.evolver.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthsmith.evolver.features.FeaturePath;
import io.synthsmith.evolver.tree.FeatureNode;
import io.synthsmith.evolver.tree.TreeSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SubtreeSamplerTest {

    private static final FeaturePath RARE = FeaturePath.parse("algorithms / graph / rare");
    private static final FeaturePath COMMON = FeaturePath.parse("algorithms / graph / common");

    @Test
    void samplingFollowsTheSmoothingTemperature() {
        TreeSnapshot tree = tree(Map.of(RARE, 1L, COMMON, 99L), Map.of());
        // A frequency f is drawn with weight f^(1/T): the rare leaf's share is 1 / (1 + 99^(1/T)).
        assertThat(rareShare(tree, 1.0)).isCloseTo(1.0 / 100, within(0.01));
        assertThat(rareShare(tree, 2.0)).isCloseTo(1.0 / (1 + Math.sqrt(99)), within(0.015));
        assertThat(rareShare(tree, 1000.0)).isCloseTo(0.5, within(0.02));
    }

    @Test
    void aSampleHasTheConfiguredShapeAndAtLeastTheMinimumOfLeaves() {
        TreeSnapshot tree = grid(List.of("algorithms", "mathematics", "data structures", "problem domain"), 4, 3);
        SubtreeSampler sampler = new SubtreeSampler(new SamplingShape(3, 3, 1, 2, 1.0, 4, 4, 8, 0, 0));
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            SubtreeSample sample = sampler.sample(tree, random);
            assertThat(sample.leaves()).hasSizeBetween(9, 18).doesNotHaveDuplicates();
            assertThat(sample.leaves().stream().map(FeaturePath::category).distinct()).hasSize(3);
            assertThat(sample.walked()).isEmpty();
        }
        SubtreeSampler demanding = new SubtreeSampler(new SamplingShape(1, 1, 1, 1, 1.0, 10, 10, 2, 0, 0));
        assertThat(demanding.sample(tree, random).leaves()).hasSize(10);
    }

    @Test
    void aSubtreeHoldsTheConfiguredLeavesTakingTheTopUpFromItsOwnCategoriesFirst() {
        TreeSnapshot tree = grid(List.of("algorithms", "mathematics", "data structures", "problem domain",
                "optimization techniques"), 6, 5);
        // 3 roots x 3 inner x 3..5 leaves reach at most 45: each sample is topped up to 50 within its 3 categories.
        SubtreeSampler sampler = new SubtreeSampler(new SamplingShape(3, 3, 3, 8, 2.0, 4, 50, 8, 0, 0));
        Random random = new Random(11);
        for (int i = 0; i < 100; i++) {
            SubtreeSample sample = sampler.sample(tree, random);
            assertThat(sample.leaves()).hasSize(50).doesNotHaveDuplicates();
            assertThat(sample.leaves().stream().map(FeaturePath::category).distinct()).hasSize(3);
        }
        // A roomier shape reaches 50 by itself and keeps what it drew.
        SubtreeSampler roomy = new SubtreeSampler(new SamplingShape(4, 6, 3, 5, 2.0, 4, 50, 8, 0, 0));
        for (int i = 0; i < 100; i++) {
            assertThat(roomy.sample(tree, random).leaves()).hasSizeBetween(72, 120);
        }
    }

    @Test
    void aTreeSmallerThanTheSubtreeOffersEveryLeaf() {
        Map<FeaturePath, Long> nodes = new HashMap<>();
        for (int leaf = 0; leaf < 8; leaf++) {
            nodes.put(FeaturePath.of(leaf % 2 == 0 ? "algorithms" : "mathematics", "inner", "leaf " + leaf), 1L);
        }
        SubtreeSampler sampler = new SubtreeSampler(new SamplingShape(3, 3, 3, 8, 2.0, 4, 50, 8, 0, 0));
        assertThat(sampler.sample(tree(nodes, Map.of()), new Random(5)).leaves())
                .containsExactlyInAnyOrderElementsOf(nodes.keySet());
    }

    @Test
    void aRandomWalkOverCoOccurrenceCombinesConceptsThatNoSingleDocumentHeld() {
        FeaturePath a = FeaturePath.parse("data structures / fenwick tree");
        FeaturePath b = FeaturePath.parse("data structures / prefix sums");
        FeaturePath c = FeaturePath.parse("mathematics / modular arithmetic");
        // Document 1 held a and b, document 2 held b and c: nothing held a and c.
        TreeSnapshot tree = tree(Map.of(a, 1L, b, 2L, c, 1L), Map.of(a, Map.of(b, 1L), b, Map.of(a, 1L, c, 1L),
                c, Map.of(b, 1L)));
        SubtreeSampler sampler = new SubtreeSampler(new SamplingShape(1, 1, 1, 1, 1.0, 1, 1, 1, 1.0, 3));
        Random random = new Random(3);
        boolean combined = false;
        for (int i = 0; i < 50 && !combined; i++) {
            SubtreeSample sample = sampler.sample(tree, random);
            assertThat(sample.walked()).isNotEmpty();
            combined = sample.candidates().containsAll(List.of(a, c));
        }
        assertThat(combined).isTrue();
        // With no walk probability, a sample asked to walk (SynthLLM level 3) walks all the same.
        SubtreeSampler never = new SubtreeSampler(new SamplingShape(1, 1, 1, 1, 1.0, 1, 1, 1, 0.0, 3));
        assertThat(never.sample(tree, random).walked()).isEmpty();
        assertThat(never.sample(tree, random, true).walked()).hasSizeGreaterThan(1);
    }

    @Test
    void anEvolutionSubtreeKeepsTheBranchingLimitsByDepth() {
        Map<FeaturePath, Long> nodes = new HashMap<>();
        for (String category : List.of("algorithms", "mathematics", "data structures")) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    nodes.put(FeaturePath.of(category, "n" + i, "m" + j, "leaf"), 1L);
                }
            }
        }
        SubtreeSampler sampler = new SubtreeSampler(new SamplingShape(1, 1, 1, 1, 1.0, 1, 1, 1, 0, 0));
        List<FeaturePath> subtree = sampler.sampleForEvolution(tree(nodes, Map.of()), List.of(2, 1, 2, 1),
                new Random(1));
        assertThat(subtree.stream().filter(p -> p.depth() == 2)).hasSize(2);
        assertThat(subtree.stream().filter(p -> p.depth() == 3)).hasSize(4);
        assertThat(subtree.stream().filter(p -> p.depth() == 4)).hasSize(4);
    }

    @Test
    void anEvolutionRoundGrowsTheSeedsOwnSubtreeAndSubtreesOfTheWholeTree() {
        Map<FeaturePath, Long> seed = Map.of(FeaturePath.of("algorithms", "graph", "breadth-first search"), 1L,
                FeaturePath.of("algorithms", "sorting", "merge sort"), 1L);
        Map<FeaturePath, Long> whole = new HashMap<>(seed);
        whole.put(FeaturePath.of("mathematics", "number theory", "sieve"), 40L);
        whole.put(FeaturePath.of("mathematics", "combinatorics", "catalan numbers"), 1L);
        whole.put(FeaturePath.of("data structures", "heap", "pairing heap"), 1L);
        SubtreeSampler sampler = new SubtreeSampler(new SamplingShape(1, 1, 1, 1, 2.0, 1, 1, 1, 0, 0));
        Random random = new Random(9);
        java.util.Set<FeaturePath> grown = new java.util.HashSet<>();
        for (int round = 0; round < 200; round++) {
            List<FeaturePath> nodes = sampler.sampleForEvolution(tree(seed, Map.of()), tree(whole, Map.of()),
                    List.of(2, 1, 2, 1), 1, random);
            // Branching 2,1,...: the seed's one category gives at least one of its two inner nodes.
            assertThat(nodes).doesNotHaveDuplicates().containsAnyOf(FeaturePath.of("algorithms", "graph"),
                    FeaturePath.of("algorithms", "sorting"));
            grown.addAll(nodes);
        }
        // Branches no seed of this intake held, the rare one included, are grown too.
        assertThat(grown).contains(FeaturePath.of("mathematics", "combinatorics", "catalan numbers"),
                FeaturePath.of("data structures", "heap", "pairing heap"), FeaturePath.of("mathematics", "number theory"));
        assertThat(sampler.sampleForEvolution(tree(seed, Map.of()), tree(whole, Map.of()), List.of(2, 1, 2, 1), 0,
                random)).allMatch(p -> p.category().equals("algorithms"));
    }

    private static double rareShare(TreeSnapshot tree, double temperature) {
        SubtreeSampler sampler = new SubtreeSampler(new SamplingShape(1, 1, 1, 1, temperature, 1, 1, 1, 0, 0));
        Random random = new Random(42);
        int draws = 20_000;
        int rare = 0;
        for (int i = 0; i < draws; i++) {
            if (sampler.sample(tree, random).leaves().equals(List.of(RARE))) {
                rare++;
            }
        }
        return (double) rare / draws;
    }

    /** Categories x inner nodes x leaves, leaf i with frequency i + 1. */
    @Test
    void inAWideTreeEachChoiceConsidersAtMostMaxCandidatesAndStillGivesTheShape() {
        // 2 categories x 300 inner nodes x 400 leaves (240k leaves): every list is wider than max-candidates 32
        TreeSnapshot tree = grid(List.of("algorithms", "mathematics"), 300, 400);
        SubtreeSampler sampler = new SubtreeSampler(new SamplingShape(2, 3, 3, 8, 2.0, 4, 50, 8, 0.5, 3, 32));
        Random random = new Random(5);
        for (int i = 0; i < 50; i++) {
            SubtreeSample sample = sampler.sample(tree, random);
            assertThat(sample.leaves()).hasSize(50).doesNotHaveDuplicates().allMatch(tree::isLeaf);
            assertThat(sample.leaves().stream().map(FeaturePath::category).distinct()).hasSize(2);
        }
        // the smoothing still decides among the candidates: frequent leaves (1 + index) come up more often
        long high = 0;
        long low = 0;
        for (int i = 0; i < 50; i++) {
            for (FeaturePath leaf : sampler.sample(tree, random).leaves()) {
                int index = Integer.parseInt(leaf.name().substring("leaf ".length()));
                high += index >= 200 ? 1 : 0;
                low += index < 200 ? 1 : 0;
            }
        }
        assertThat(high).isGreaterThan(low);
        // evolution subtrees are drawn the same way
        assertThat(sampler.sampleForEvolution(tree, List.of(2, 1, 2), random)).hasSize(6);
    }

    private static TreeSnapshot grid(List<String> categories, int inner, int leaves) {
        Map<FeaturePath, Long> nodes = new HashMap<>();
        for (String category : categories) {
            for (int i = 0; i < inner; i++) {
                for (int leaf = 0; leaf < leaves; leaf++) {
                    nodes.put(FeaturePath.of(category, "inner " + i, "leaf " + leaf), 1L + leaf);
                }
            }
        }
        return tree(nodes, Map.of());
    }

    private static TreeSnapshot tree(Map<FeaturePath, Long> frequencies, Map<FeaturePath, Map<FeaturePath, Long>> edges) {
        Map<FeaturePath, FeatureNode> nodes = new HashMap<>();
        frequencies.forEach((path, f) -> nodes.put(path, new FeatureNode(path, f, List.of())));
        return new TreeSnapshot("test", nodes, edges);
    }
}
