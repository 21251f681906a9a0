package io.synthsmith.evolver.evolution;

import io.synthsmith.evolver.features.FeaturePath;
import java.util.List;
import java.util.Map;

/**
 * What one evolution round proposed and kept: the new feature paths (breadth siblings and depth children), and
 * what it turned down, counted by reason ({@code already_present}, {@code language_feature}, {@code too_deep},
 * {@code unknown_path}, {@code short_sibling_list}: an entry with fewer siblings than asked, left out).
 */
public record EvolvedFeatures(List<FeaturePath> added, Map<String, Integer> rejected) {

    public EvolvedFeatures {
        added = List.copyOf(added);
        rejected = Map.copyOf(rejected);
    }
}
