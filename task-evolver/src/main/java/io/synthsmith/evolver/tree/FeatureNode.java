package io.synthsmith.evolver.tree;

import io.synthsmith.evolver.features.FeaturePath;
import java.util.List;

/** A node of a feature tree: its path, how often it was seen (merged), and the first seeds that brought it. */
public record FeatureNode(FeaturePath path, long frequency, List<String> seeds) {

    public FeatureNode {
        seeds = List.copyOf(seeds);
    }
}
