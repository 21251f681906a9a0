package io.synthsmith.evolver.tree;

import io.synthsmith.evolver.features.FeaturePath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What one seed merges into a tree, gathered while the seed is worked on (extraction, then each evolution round)
 * and written by {@link #commit()} as one entry of the tree's change log: the seed counts once, as a whole, or not
 * at all. Not thread-safe: one seed is worked on by one thread.
 */
public final class SeedMerge {

    private final FeatureTreeStore store;
    private final String treeId;
    private final String seedId;
    private final Map<String, Integer> paths = new LinkedHashMap<>();
    private final List<List<String>> links = new ArrayList<>();

    SeedMerge(FeatureTreeStore store, String treeId, String seedId) {
        this.store = store;
        this.treeId = treeId;
        this.seedId = seedId;
    }

    /** Adds one to the frequency of every distinct path (once per call, as each step of the seed sees them). */
    public SeedMerge add(Collection<FeaturePath> features) {
        new TreeSet<>(features).forEach(path -> paths.merge(path.toString(), 1, Integer::sum));
        return this;
    }

    /** Adds one co-occurrence to every pair of distinct {@code concepts}. */
    public SeedMerge link(Collection<FeaturePath> concepts) {
        List<String> group = new TreeSet<>(concepts).stream().map(FeaturePath::toString).toList();
        if (group.size() > 1) {
            links.add(group);
        }
        return this;
    }

    /**
     * Writes the merge and marks the seed merged. Returns whether this call counted it: false when the seed was
     * merged already (by an earlier delivery, or another replica at the same time).
     */
    public boolean commit() {
        return store.commit(treeId, new TreeChange(seedId, paths, links));
    }
}
