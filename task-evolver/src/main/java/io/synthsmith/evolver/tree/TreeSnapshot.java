package io.synthsmith.evolver.tree;

import io.synthsmith.evolver.features.FeaturePath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory index of one feature tree: nodes with frequencies, and concept co-occurrence edges with their counts.
 * Categories are the implicit roots; they are not nodes themselves.
 *
 * <p>A replica keeps one index per tree and the tree's change log keeps it current ({@link FeatureTreeStore}): each
 * change is applied in place, at a cost proportional to the change, never to the tree. Readers need no lock: every
 * node and every list of children is an immutable value replaced as a whole, so a reader sees each one either
 * before or after a change. A reader that walks the tree while a change lands may see some nodes before and some
 * after it; sampling does not mind. Children are listed in the order they entered the tree (path order for an index
 * built from a map).
 */
public final class TreeSnapshot {

    private final String treeId;
    private final Map<FeaturePath, FeatureNode> nodes = new ConcurrentHashMap<>();
    private final Map<FeaturePath, List<FeaturePath>> children = new ConcurrentHashMap<>();
    private final Map<FeaturePath, Map<FeaturePath, Long>> edges = new ConcurrentHashMap<>();
    private final Set<FeaturePath> categories = new ConcurrentSkipListSet<>();
    private final Set<FeaturePath> leafSet = ConcurrentHashMap.newKeySet();
    private final AtomicInteger depth = new AtomicInteger();
    private final AtomicLong edgePairs = new AtomicLong();
    private final AtomicLong version = new AtomicLong();
    private volatile List<FeaturePath> leaves;

    /** An index of the given nodes and edges ({@code edges} holds each pair both ways). */
    public TreeSnapshot(String treeId, Map<FeaturePath, FeatureNode> nodes, Map<FeaturePath, Map<FeaturePath, Long>> edges) {
        this.treeId = treeId;
        new TreeMap<>(nodes).forEach((path, node) -> put(new FeatureNode(place(path), node.frequency(), node.seeds())));
        edges.forEach((from, to) -> {
            this.edges.put(from, Map.copyOf(to));
            to.keySet().forEach(other -> {
                if (from.compareTo(other) < 0) {
                    edgePairs.incrementAndGet();
                }
            });
        });
    }

    public static TreeSnapshot empty(String treeId) {
        return new TreeSnapshot(treeId, Map.of(), Map.of());
    }

    public String treeId() {
        return treeId;
    }

    /** The position in the tree's change log up to which this index is current (0 for one built from a map). */
    public long version() {
        return version.get();
    }

    /** Number of feature nodes (categories not counted). */
    public int size() {
        return nodes.size();
    }

    /** The longest path, in levels, category included; 0 for an empty tree. */
    public int depth() {
        return depth.get();
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
        return Collections.unmodifiableSet(nodes.keySet());
    }

    /** The categories that have features, in name order. */
    public List<FeaturePath> categories() {
        return List.copyOf(categories);
    }

    public List<FeaturePath> childrenOf(FeaturePath path) {
        return children.getOrDefault(path, List.of());
    }

    public boolean isLeaf(FeaturePath path) {
        return !path.isCategory() && childrenOf(path).isEmpty();
    }

    /** Every leaf under {@code path} (itself when it is a leaf). */
    public List<FeaturePath> leavesUnder(FeaturePath path) {
        List<FeaturePath> found = new ArrayList<>();
        collectLeaves(path, found);
        return found;
    }

    /** Every leaf node; the list is built once per change of the tree's leaves, not per call. */
    public List<FeaturePath> leaves() {
        List<FeaturePath> current = leaves;
        if (current == null) {
            current = List.copyOf(leafSet);
            leaves = current;
        }
        return current;
    }

    /** Number of leaf nodes, kept as changes arrive: cheaper than {@code leaves().size()} on a tree that changes. */
    public int leafCount() {
        return leafSet.size();
    }

    /** The weight of a node for sampling: its frequency, or for a category the sum over its children. */
    public long frequency(FeaturePath path) {
        if (path.isCategory()) {
            return childrenOf(path).stream().mapToLong(this::frequency).sum();
        }
        return Math.max(1, node(path).frequency());
    }

    /** Concepts that occurred together with {@code path} in a document, with their counts. */
    /**
     * Up to {@code limit} features that have co-occurrence edges, in no particular order: a bounded look at the
     * linked concepts, for starting a walk without scanning the whole tree.
     */
    public List<FeaturePath> linked(int limit) {
        List<FeaturePath> found = new ArrayList<>();
        for (Map.Entry<FeaturePath, Map<FeaturePath, Long>> entry : edges.entrySet()) {
            if (found.size() >= limit) {
                break;
            }
            if (!entry.getValue().isEmpty()) {
                found.add(entry.getKey());
            }
        }
        return found;
    }

    public Map<FeaturePath, Long> neighbours(FeaturePath path) {
        return edges.getOrDefault(path, Map.of());
    }

    /** Number of co-occurrence edges (each pair once). */
    public long edgeCount() {
        return edgePairs.get();
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
        Set<String> seeds = new LinkedHashSet<>();
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

    /**
     * Applies one change of the log: every path in {@code counts} gains its count, with {@code seedId} recorded on
     * nodes that have room for it, and every pair of each group of {@code links} gains one co-occurrence. Changes
     * are applied by one writer at a time (the store's follower of this tree), in log order.
     */
    void apply(long at, String seedId, Map<FeaturePath, Integer> counts, List<List<FeaturePath>> links,
            int seedsPerNode) {
        Map<FeaturePath, FeaturePath> canonical = new HashMap<>();
        counts.forEach((path, count) -> {
            FeaturePath known = place(path);
            canonical.put(path, known);
            FeatureNode node = nodes.get(known);
            List<String> seeds = node == null ? List.of() : node.seeds();
            if (seedId != null && seeds.size() < seedsPerNode && !seeds.contains(seedId)) {
                List<String> more = new ArrayList<>(seeds);
                more.add(seedId);
                seeds = more;
            }
            put(new FeatureNode(known, (node == null ? 0 : node.frequency()) + count, seeds));
        });
        for (List<FeaturePath> group : links) {
            List<FeaturePath> distinct = new ArrayList<>(new TreeSet<>(group));
            for (int i = 0; i < distinct.size(); i++) {
                for (int j = i + 1; j < distinct.size(); j++) {
                    FeaturePath a = canonical.getOrDefault(distinct.get(i), distinct.get(i));
                    FeaturePath b = canonical.getOrDefault(distinct.get(j), distinct.get(j));
                    if (link(a, b) == 1) {
                        edgePairs.incrementAndGet();
                    }
                    link(b, a);
                }
            }
        }
        version.set(at);
    }

    /** Marks this index current up to {@code at} without a change (a log entry that did not count). */
    void skip(long at) {
        version.set(at);
    }

    private long link(FeaturePath from, FeaturePath to) {
        Map<FeaturePath, Long> old = edges.getOrDefault(from, Map.of());
        Map<FeaturePath, Long> updated = new HashMap<>(old);
        long count = updated.merge(to, 1L, Long::sum);
        edges.put(from, Map.copyOf(updated));
        return count;
    }

    /**
     * Enters {@code path} and its ancestors into the lists of children, and returns the path object the index already
     * holds for it (so that one object, and one copy of each name, stands for a path however often it is merged).
     */
    private FeaturePath place(FeaturePath path) {
        if (nodes.containsKey(path) || children.containsKey(path)) {
            return known(path);
        }
        if (path.isCategory()) {
            return path;
        }
        FeaturePath parent = place(path.parent());
        FeaturePath child = parent.child(path.name());
        // Every path the index holds is a key of children (a leaf's list is empty), so this one is new to its parent.
        List<FeaturePath> siblings = children.getOrDefault(parent, List.of());
        List<FeaturePath> more = new ArrayList<>(siblings.size() + 1);
        more.addAll(siblings);
        more.add(child);
        children.put(child, List.of());
        children.put(parent, Collections.unmodifiableList(more));
        if (siblings.isEmpty()) {
            if (parent.isCategory()) {
                categories.add(parent);
            } else if (leafSet.remove(parent)) {
                leaves = null;
            }
        }
        return child;
    }

    private FeaturePath known(FeaturePath path) {
        FeatureNode node = nodes.get(path);
        if (node != null) {
            return node.path();
        }
        if (path.isCategory()) {
            return categories.stream().filter(path::equals).findFirst().orElse(path);
        }
        return childrenOf(known(path.parent())).stream().filter(path::equals).findFirst().orElse(path);
    }

    private void put(FeatureNode node) {
        FeaturePath path = node.path();
        if (nodes.put(path, node) == null) {
            depth.accumulateAndGet(path.depth(), Math::max);
            if (!path.isCategory() && childrenOf(path).isEmpty() && leafSet.add(path)) {
                leaves = null;
            }
        }
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
