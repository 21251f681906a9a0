package io.synthsmith.evolver.diversity;

/**
 * How diverse a run's tasks are, as this replica generated them.
 *
 * @param tasks                tasks generated
 * @param distinctCombinations distinct sets of selected features
 * @param featuresUsed         distinct features selected at least once
 * @param treeLeaves           leaves of the tree the last task was sampled from
 * @param leafCoverage         {@code featuresUsed / treeLeaves}, at most 1
 * @param entropyBits          Shannon entropy of feature use (bits), over every selection
 * @param evenness             {@code entropyBits} over its largest possible value, {@code log2(treeLeaves)}: 1 when
 *                             every leaf of the tree is used equally often
 * @param gini                 Gini coefficient of use counts over the features used: 0 when all are used equally
 */
public record Diversity(long tasks, long distinctCombinations, long featuresUsed, int treeLeaves, double leafCoverage,
        double entropyBits, double evenness, double gini) {
}
