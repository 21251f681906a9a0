package io.synthsmith.evolver.tree;

import io.synthsmith.evolver.features.FeaturePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An in-memory copy of one feature tree as read from Infinispan: nodes with frequencies, and concept co-occurrence
 * edges with their counts. Categories are the implicit roots; they are not nodes themselves.
 */
public final class TreeSnapshot {

    private final String treeId;
    private final Map<FeaturePath, FeatureNode> nodes;
    private final Map<FeaturePath, List<FeaturePath>> children = new TreeMap<>();
    private final Map<FeaturePath, Map<FeaturePath, Long>> edges;

    public TreeSnapshot(String treeId, Map<FeaturePath, FeatureNode> nodes, Map<FeaturePath, Map<FeaturePath, Long>> edges) {
        this.treeId = treeId;
        this.nodes = new TreeMap<>(nodes);
        this.edges = new TreeMap<>();
        edges.forEach((from, to) -> this.edges.put(from, new TreeMap<>(to)));
        for (FeaturePath path : this.nodes.keySet()) {
            for (FeaturePath step : path.withAncestors()) {
                if (!step.isCategory()) {
                    children.computeIfAbsent(step.parent(), p -> new ArrayList<>());
                    if (!children.get(step.parent()).contains(step)) {
                        children.get(step.parent()).add(step);
                    }
                }
            }
        }
    }

    public static TreeSnapshot empty(String treeId) {
        return new TreeSnapshot(treeId, Map.of(), Map.of());
    }

    public String treeId() {
        return treeId;
    }

    /** Number of feature nodes (categories not counted). */
    public int size() {
        return nodes.size();
    }

    /** The longest path, in levels, category included; 0 for an empty tree. */
    public int depth() {
        return nodes.keySet().stream().mapToInt(FeaturePath::depth).max().orElse(0);
    }

    public boolean contains(FeaturePath path) {
        return nodes.containsKey(path) || path.isCategory() && children.containsKey(path);
    }

    /** The node at {@code path}; an ancestor that was never merged itself has frequency 0. */
    public FeatureNode node(FeaturePath path) {
        FeatureNode node = nodes.get(path);
        return node != null ? node : new FeatureNode(path, 0, List.of());
    }

    public Set<FeaturePath> paths() {
        return nodes.keySet();
    }

    /** The categories that have features, in name order. */
    public List<FeaturePath> categories() {
        return children.keySet().stream().filter(FeaturePath::isCategory).toList();
    }

    public List<FeaturePath> childrenOf(FeaturePath path) {
        return children.getOrDefault(path, List.of());
    }

    public boolean isLeaf(FeaturePath path) {
        return !path.isCategory() && childrenOf(path).isEmpty();
    }

    /** Every leaf under {@code path} (itself when it is a leaf). */
    public List<FeaturePath> leavesUnder(FeaturePath path) {
        List<FeaturePath> leaves = new ArrayList<>();
        collectLeaves(path, leaves);
        return leaves;
    }

    public List<FeaturePath> leaves() {
        return nodes.keySet().stream().filter(this::isLeaf).toList();
    }

    /** The weight of a node for sampling: its frequency, or for a category the sum over its children. */
    public long frequency(FeaturePath path) {
        if (path.isCategory()) {
            return childrenOf(path).stream().mapToLong(this::frequency).sum();
        }
        return Math.max(1, node(path).frequency());
    }

    /** Concepts that occurred together with {@code path} in a document, with their counts. */
    public Map<FeaturePath, Long> neighbours(FeaturePath path) {
        return edges.getOrDefault(path, Map.of());
    }

    /** Number of co-occurrence edges (each pair once). */
    public long edgeCount() {
        return edges.values().stream().mapToLong(Map::size).sum() / 2;
    }

    /** The {@code n} most frequent features, most frequent first (ties by path). */
    public List<FeatureNode> top(int n) {
        return nodes.values().stream()
                .sorted(Comparator.comparingLong(FeatureNode::frequency).reversed()
                        .thenComparing(FeatureNode::path))
                .limit(n).toList();
    }

    /** The seeds recorded on {@code paths} and their ancestors, each once, in order. */
    public List<String> seedsOf(List<FeaturePath> paths) {
        Set<String> seeds = new java.util.LinkedHashSet<>();
        for (FeaturePath path : paths) {
            for (FeaturePath step : path.withAncestors()) {
                seeds.addAll(node(step).seeds());
            }
        }
        return List.copyOf(seeds);
    }

    /** The tree as nested maps for JSON: {@code {name, frequency, children:[...]}} per node, categories first. */
    public List<Map<String, Object>> asNested() {
        List<Map<String, Object>> roots = new ArrayList<>();
        for (FeaturePath category : categories()) {
            roots.add(nested(category));
        }
        return roots;
    }

    private Map<String, Object> nested(FeaturePath path) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", path.name());
        node.put("path", path.toString());
        node.put("frequency", path.isCategory() ? frequency(path) : node(path).frequency());
        List<Map<String, Object>> kids = new ArrayList<>();
        for (FeaturePath child : new TreeSet<>(childrenOf(path))) {
            kids.add(nested(child));
        }
        node.put("children", kids);
        return node;
    }

    private void collectLeaves(FeaturePath path, List<FeaturePath> into) {
        List<FeaturePath> kids = childrenOf(path);
        if (kids.isEmpty()) {
            if (!path.isCategory()) {
                into.add(path);
            }
            return;
        }
        for (FeaturePath kid : kids) {
            collectLeaves(kid, into);
        }
    }
}
