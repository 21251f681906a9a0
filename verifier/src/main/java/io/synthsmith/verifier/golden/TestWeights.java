package io.synthsmith.verifier.golden;

/**
 * The weight of a labelled test: {@code 1 + sizeWeight * ln(1 + bytes) / ln(1 + largestBytes)
 * + disagreementWeight * min(1, 2 * (1 - majorityShare))}. Large inputs (stress tests) and tests the candidates
 * split on (boundary cases) weigh up to {@code 1 + sizeWeight + disagreementWeight}; a small unanimous test weighs 1.
 */
public final class TestWeights {

    private final double sizeWeight;
    private final double disagreementWeight;

    public TestWeights(double sizeWeight, double disagreementWeight) {
        this.sizeWeight = sizeWeight;
        this.disagreementWeight = disagreementWeight;
    }

    /**
     * @param inputBytes    the test's input size
     * @param largestBytes  the largest input size among the task's labelled tests
     * @param majorityShare the share of voters that printed the label
     */
    public double weight(long inputBytes, long largestBytes, double majorityShare) {
        double size = largestBytes <= 0 ? 0 : Math.log1p(inputBytes) / Math.log1p(largestBytes);
        double disagreement = Math.min(1.0, Math.max(0.0, 2 * (1 - majorityShare)));
        return 1 + sizeWeight * size + disagreementWeight * disagreement;
    }
}
