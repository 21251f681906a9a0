package io.synthsmith.evolver.sampling;

import io.synthsmith.evolver.features.FeaturePath;
import java.util.List;

/**
 * The candidate features of one generation: leaves drawn from the tree's shape, and concepts reached by a random
 * walk over co-occurrence edges (empty when no walk was taken).
 */
public record SubtreeSample(List<FeaturePath> leaves, List<FeaturePath> walked) {

    public SubtreeSample {
        leaves = List.copyOf(leaves);
        walked = List.copyOf(walked);
    }

    /** Every candidate, leaves first, each once. */
    public List<FeaturePath> candidates() {
        java.util.LinkedHashSet<FeaturePath> all = new java.util.LinkedHashSet<>(leaves);
        all.addAll(walked);
        return List.copyOf(all);
    }
}
