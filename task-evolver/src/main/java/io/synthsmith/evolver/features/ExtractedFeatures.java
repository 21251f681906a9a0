package io.synthsmith.evolver.features;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an extraction kept: the feature paths (every node, inner ones included, each once) and the leaves, plus
 * what it dropped, counted by reason ({@code language_feature}, {@code unknown_category}, {@code too_deep}).
 */
public record ExtractedFeatures(Set<FeaturePath> paths, List<FeaturePath> leaves, Map<String, Integer> dropped) {

    public ExtractedFeatures {
        paths = Set.copyOf(paths);
        leaves = List.copyOf(leaves);
        dropped = Map.copyOf(dropped);
    }

    public int droppedCount() {
        return dropped.values().stream().mapToInt(Integer::intValue).sum();
    }
}
