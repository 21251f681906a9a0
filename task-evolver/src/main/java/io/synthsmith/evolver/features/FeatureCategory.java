package io.synthsmith.evolver.features;

import java.util.Arrays;
import java.util.List;

/** The competitive-programming categories of the method (SYNTHSMITH.md, stage 2): the roots of the feature tree. */
public enum FeatureCategory {
    PROBLEM_DOMAIN("problem domain"),
    ALGORITHMIC_PARADIGM("algorithmic paradigm"),
    ALGORITHMS("algorithms"),
    MATHEMATICS("mathematics"),
    PROBLEM_SOLVING_STRATEGIES("problem-solving strategies"),
    DATA_STRUCTURES("data structures"),
    CODING_TECHNIQUES("coding techniques"),
    COMPLEXITY_ANALYSIS("complexity analysis"),
    OPTIMIZATION_TECHNIQUES("optimization techniques");

    private final String label;

    FeatureCategory(String label) {
        this.label = label;
    }

    /** The name of the category node, as prompts and paths write it. */
    public String label() {
        return label;
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(FeatureCategory::label).toList();
    }
}
