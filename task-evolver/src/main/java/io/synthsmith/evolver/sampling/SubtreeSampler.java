package io.synthsmith.evolver.sampling;

import io.synthsmith.evolver.features.FeaturePath;
import io.synthsmith.evolver.tree.TreeSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Draws subtrees from a feature tree. Every choice is weighted by a node's frequency smoothed with the
 * temperature, {@code frequency^(1/temperature)}, and drawn without replacement (Efraimidis-Spirakis keys), so that
 * frequent features come up more often and rare ones still appear. The caller passes the {@link Random}, seeded
 * from the request id, so the same request on the same tree draws the same subtree.
 */
public final class SubtreeSampler {

    private final SamplingShape shape;

    public SubtreeSampler(SamplingShape shape) {
        this.shape = shape;
    }

    /**
     * The candidate leaves of one generation: the largest of up to {@code attempts} drawn shapes, stopping at one
     * that holds {@code subtreeLeaves}; a short one is topped up from its own categories, then from the whole tree,
     * to {@code subtreeLeaves} (or every leaf of a smaller tree). Empty when the tree has no leaves.
     */
    public SubtreeSample sample(TreeSnapshot tree, Random random) {
        return sample(tree, random, false);
    }

    /** As {@link #sample(TreeSnapshot, Random)}; {@code walk} takes the co-occurrence walk whatever its probability. */
    public SubtreeSample sample(TreeSnapshot tree, Random random, boolean walk) {
        int wanted = Math.min(shape.subtreeLeaves(), tree.leafCount());
        List<FeaturePath> best = List.of();
        for (int attempt = 0; attempt < Math.max(1, shape.attempts()) && best.size() < wanted; attempt++) {
            List<FeaturePath> drawn = drawShape(tree, random);
            if (drawn.size() > best.size()) {
                best = drawn;
            }
        }
        Set<FeaturePath> leaves = new LinkedHashSet<>(best);
        if (leaves.size() < wanted) {
            Set<FeaturePath> roots = new LinkedHashSet<>();
            leaves.forEach(leaf -> roots.add(FeaturePath.of(leaf.category())));
            List<FeaturePath> near = new ArrayList<>();
            int shortBy = 4 * (wanted - leaves.size());
            roots.forEach(root -> near.addAll(leavesUnder(tree, root, shortBy, random)));
            topUp(tree, leaves, near, wanted, random);
            if (leaves.size() < wanted) {
                topUp(tree, leaves, tree.leafCount() <= shape.maxCandidates() ? tree.leaves()
                        : randomLeaves(tree, shape.maxCandidates(), random), wanted, random);
            }
        }
        List<FeaturePath> walked = random.nextDouble() < shape.walkProbability() || walk
                ? walk(tree, new ArrayList<>(leaves), random) : List.of();
        return new SubtreeSample(List.copyOf(leaves), walked);
    }

    private void topUp(TreeSnapshot tree, Set<FeaturePath> leaves, List<FeaturePath> from, int wanted, Random random) {
        if (leaves.size() >= wanted) {
            return;
        }
        List<FeaturePath> rest = from.stream().filter(leaf -> !leaves.contains(leaf)).toList();
        leaves.addAll(draw(rest, wanted - leaves.size(), path -> weight(tree, path), random));
    }

    /**
     * A small subtree for one evolution round: at each depth, up to {@code branching.get(depth)} children of every
     * node drawn at the depth above (categories first). Returns every drawn node but the categories.
     */
    public List<FeaturePath> sampleForEvolution(TreeSnapshot tree, List<Integer> branching, Random random) {
        List<FeaturePath> level = draw(tree.categories(), branching.isEmpty() ? 1 : branching.get(0),
                path -> weight(tree, path), random);
        List<FeaturePath> drawn = new ArrayList<>();
        for (int depth = 1; depth < branching.size() && !level.isEmpty(); depth++) {
            List<FeaturePath> next = new ArrayList<>();
            for (FeaturePath parent : level) {
                next.addAll(draw(window(tree.childrenOf(parent), random), branching.get(depth),
                        path -> weight(tree, path), random));
            }
            drawn.addAll(next);
            level = next;
        }
        return drawn;
    }

    /**
     * The nodes one evolution round grows: a subtree of the seed's own features ({@code seedFeatures}) and, beside
     * it, {@code treeSubtrees} subtrees sampled from the whole tree, so that branches no current seed holds keep
     * growing too. Each node once, the seed's first.
     */
    public List<FeaturePath> sampleForEvolution(TreeSnapshot seedFeatures, TreeSnapshot tree, List<Integer> branching,
            int treeSubtrees, Random random) {
        Set<FeaturePath> nodes = new LinkedHashSet<>(sampleForEvolution(seedFeatures, branching, random));
        for (int i = 0; i < treeSubtrees; i++) {
            nodes.addAll(sampleForEvolution(tree, branching, random));
        }
        return List.copyOf(nodes);
    }

    /** The smoothed weight of a node: {@code frequency^(1/temperature)}. */
    public double weight(TreeSnapshot tree, FeaturePath path) {
        return Math.pow(tree.frequency(path), 1.0 / shape.temperature());
    }

    private List<FeaturePath> drawShape(TreeSnapshot tree, Random random) {
        List<FeaturePath> leaves = new ArrayList<>();
        for (FeaturePath root : draw(tree.categories(), shape.roots(), path -> weight(tree, path), random)) {
            for (FeaturePath inner : draw(window(tree.childrenOf(root), random), shape.inner(),
                    path -> weight(tree, path), random)) {
                int wanted = shape.leavesMin() + random.nextInt(shape.leavesMax() - shape.leavesMin() + 1);
                for (FeaturePath leaf : draw(leavesUnder(tree, inner, 4 * wanted, random), wanted,
                        path -> weight(tree, path), random)) {
                    if (!leaves.contains(leaf)) {
                        leaves.add(leaf);
                    }
                }
            }
        }
        return leaves;
    }

    /**
     * The candidates of one weighted choice among {@code items}: all of them, or {@code maxCandidates} drawn
     * uniformly when there are more, so that a choice costs the same in a tree of any size (the smoothed weights
     * then decide among those).
     */
    private <T> List<T> window(List<T> items, Random random) {
        int limit = shape.maxCandidates();
        if (items.size() <= limit) {
            return items;
        }
        Set<Integer> picked = new LinkedHashSet<>();
        while (picked.size() < limit) {
            picked.add(random.nextInt(items.size()));
        }
        List<T> window = new ArrayList<>(limit);
        picked.forEach(i -> window.add(items.get(i)));
        return window;
    }

    /**
     * The leaves under {@code node} a choice of a few considers: every one when its children are at most
     * {@code maxCandidates} leaves, else up to {@code min(needed, maxCandidates)} reached by random descents, so
     * the cost does not grow with the subtree.
     */
    private List<FeaturePath> leavesUnder(TreeSnapshot tree, FeaturePath node, int needed, Random random) {
        List<FeaturePath> kids = tree.childrenOf(node);
        if (kids.isEmpty()) {
            return node.isCategory() ? List.of() : List.of(node);
        }
        if (kids.size() <= shape.maxCandidates() && kids.stream().allMatch(tree::isLeaf)) {
            return kids;
        }
        int limit = Math.max(1, Math.min(needed, shape.maxCandidates()));
        Set<FeaturePath> found = new LinkedHashSet<>();
        for (int attempt = 0; attempt < 4 * limit && found.size() < limit; attempt++) {
            descend(tree, node, random).ifPresent(found::add);
        }
        return List.copyOf(found);
    }

    /** Up to {@code count} leaves of the whole tree reached by random descents from the categories. */
    private List<FeaturePath> randomLeaves(TreeSnapshot tree, int count, Random random) {
        List<FeaturePath> roots = tree.categories();
        Set<FeaturePath> found = new LinkedHashSet<>();
        for (int attempt = 0; attempt < 4 * count && found.size() < count && !roots.isEmpty(); attempt++) {
            descend(tree, roots.get(random.nextInt(roots.size())), random).ifPresent(found::add);
        }
        return List.copyOf(found);
    }

    /** A leaf reached from {@code node} by choosing a child uniformly at each level; empty under a bare category. */
    private static Optional<FeaturePath> descend(TreeSnapshot tree, FeaturePath node, Random random) {
        FeaturePath at = node;
        for (List<FeaturePath> below = tree.childrenOf(at); !below.isEmpty(); below = tree.childrenOf(at)) {
            at = below.get(random.nextInt(below.size()));
        }
        return at.isCategory() ? Optional.empty() : Optional.of(at);
    }

    private List<FeaturePath> walk(TreeSnapshot tree, List<FeaturePath> from, Random random) {
        List<FeaturePath> starts = from.stream().filter(p -> !tree.neighbours(p).isEmpty()).toList();
        if (starts.isEmpty()) {
            starts = tree.linked(shape.maxCandidates());
        }
        if (starts.isEmpty()) {
            return List.of();
        }
        FeaturePath at = starts.get(random.nextInt(starts.size()));
        List<FeaturePath> visited = new ArrayList<>(List.of(at));
        for (int step = 0; step < shape.walkLength(); step++) {
            Map<FeaturePath, Long> next = tree.neighbours(at);
            List<FeaturePath> fresh = next.keySet().stream().filter(p -> !visited.contains(p)).toList();
            if (fresh.isEmpty()) {
                break;
            }
            at = draw(fresh, 1, p -> Math.pow(next.get(p), 1.0 / shape.temperature()), random).get(0);
            visited.add(at);
        }
        return visited;
    }

    /** Draws up to {@code k} items without replacement, each with probability proportional to its weight. */
    static <T> List<T> draw(List<T> items, int k, ToDoubleFunction<T> weight, Random random) {
        record Keyed<T>(T item, double key) {
        }
        List<Keyed<T>> keyed = new ArrayList<>();
        for (T item : items) {
            double w = weight.applyAsDouble(item);
            if (w > 0) {
                keyed.add(new Keyed<>(item, Math.log(random.nextDouble()) / w));
            }
        }
        return keyed.stream().sorted(Comparator.comparingDouble((Keyed<T> e) -> e.key()).reversed())
                .limit(Math.max(0, k)).map(Keyed::item).toList();
    }
}
