package io.synthsmith.evolver.sampling;

/**
 * How a generation subtree is drawn: {@code roots} categories, {@code inner} nodes under each, between
 * {@code leavesMin} and {@code leavesMax} leaves under each inner node, weights smoothed with {@code temperature}.
 * Up to {@code attempts} draws look for a subtree of at least {@code subtreeLeaves} leaves (the method kept only
 * candidate subtrees of more than 50); the largest is kept and, when short, topped up first from the leaves under
 * its own categories, then from the whole tree, to {@code subtreeLeaves} or every leaf of a smaller tree. A tree
 * with fewer than {@code minLeaves} leaves cannot be sampled at all. With probability {@code walkProbability} a
 * random walk of {@code walkLength} steps over concept co-occurrence adds concepts. A weighted choice among more
 * than {@code maxCandidates} nodes first draws that many uniformly (so a draw costs the same at 1k and 500k nodes).
 */
public record SamplingShape(int roots, int inner, int leavesMin, int leavesMax, double temperature, int minLeaves,
        int subtreeLeaves, int attempts, double walkProbability, int walkLength, int maxCandidates) {

    /** A shape with the default {@code maxCandidates} (64). */
    public SamplingShape(int roots, int inner, int leavesMin, int leavesMax, double temperature, int minLeaves,
            int subtreeLeaves, int attempts, double walkProbability, int walkLength) {
        this(roots, inner, leavesMin, leavesMax, temperature, minLeaves, subtreeLeaves, attempts, walkProbability,
                walkLength, 64);
    }

    public SamplingShape {
        if (roots < 1 || inner < 1 || leavesMin < 1 || leavesMax < leavesMin) {
            throw new IllegalArgumentException("sampling shape needs roots >= 1, inner >= 1 and 1 <= leaves-min <= "
                    + "leaves-max, got roots=" + roots + " inner=" + inner + " leaves=" + leavesMin + ".." + leavesMax);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("sampling temperature must be > 0, got " + temperature);
        }
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("sampling max-candidates must be >= 1, got " + maxCandidates);
        }
        if (subtreeLeaves < minLeaves) {
            throw new IllegalArgumentException("sampling subtree-leaves (" + subtreeLeaves + ") must be at least "
                    + "min-leaves (" + minLeaves + ")");
        }
    }
}
