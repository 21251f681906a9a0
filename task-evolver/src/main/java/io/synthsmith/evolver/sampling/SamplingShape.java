package io.synthsmith.evolver.sampling;

/**
 * How a generation subtree is drawn: {@code roots} categories, {@code inner} nodes under each, between
 * {@code leavesMin} and {@code leavesMax} leaves under each inner node, weights smoothed with {@code temperature},
 * at least {@code minLeaves} candidates (after up to {@code attempts} draws, topped up from the whole tree), and
 * with probability {@code walkProbability} a random walk of {@code walkLength} steps over concept co-occurrence.
 */
public record SamplingShape(int roots, int inner, int leavesMin, int leavesMax, double temperature, int minLeaves,
        int attempts, double walkProbability, int walkLength) {

    public SamplingShape {
        if (roots < 1 || inner < 1 || leavesMin < 1 || leavesMax < leavesMin) {
            throw new IllegalArgumentException("sampling shape needs roots >= 1, inner >= 1 and 1 <= leaves-min <= "
                    + "leaves-max, got roots=" + roots + " inner=" + inner + " leaves=" + leavesMin + ".." + leavesMax);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("sampling temperature must be > 0, got " + temperature);
        }
    }
}
