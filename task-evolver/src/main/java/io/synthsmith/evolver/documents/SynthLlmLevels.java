package io.synthsmith.evolver.documents;

import java.util.List;
import java.util.Random;

/**
 * SynthLLM's three levels of generating from reference documents, of increasing diversity: 1, a question from the
 * one document; 2, the document's own concepts recombined into a new question; 3, concepts joined across documents
 * by a random walk over the concept graph. Each request made from a document seed draws its level with the
 * configured weights.
 */
public final class SynthLlmLevels {

    private final double[] weights;

    /** {@code weights} of levels 1, 2 and 3, in that order; non-negative, not all zero. */
    public SynthLlmLevels(List<Double> weights) {
        if (weights.size() != 3 || weights.stream().anyMatch(w -> w == null || !(w >= 0))
                || weights.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("synthsmith.task-evolver.documents.level-weights needs three "
                    + "non-negative weights (levels 1, 2, 3), not all zero, got " + weights);
        }
        this.weights = weights.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A level, 1 to 3, drawn with the weights. */
    public int pick(Random random) {
        double total = weights[0] + weights[1] + weights[2];
        double at = random.nextDouble() * total;
        for (int level = 1; level <= 3; level++) {
            at -= weights[level - 1];
            if (at < 0 && weights[level - 1] > 0) {
                return level;
            }
        }
        return weights[2] > 0 ? 3 : weights[1] > 0 ? 2 : 1;
    }
}
