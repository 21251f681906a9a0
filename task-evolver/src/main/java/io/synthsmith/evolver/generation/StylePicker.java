package io.synthsmith.evolver.generation;

import io.synthsmith.messages.Style;
import java.util.Map;
import java.util.Random;

/** Picks a statement style at random with a run's weights (default Codeforces 0.7, LeetCode 0.15, AtCoder 0.15). */
public final class StylePicker {

    private StylePicker() {
    }

    /** A style drawn with {@code weights} (by wire name; they need not sum to 1). */
    public static Style pick(Map<String, Double> weights, Random random) {
        double total = 0;
        for (Style style : Style.values()) {
            total += Math.max(0, weights.getOrDefault(style.wire(), 0.0));
        }
        if (total <= 0) {
            throw new IllegalArgumentException("the run's style weights " + weights + " are all zero; give at least "
                    + "one of codeforces, leetcode, atcoder a positive weight");
        }
        double point = random.nextDouble() * total;
        Style last = Style.CODEFORCES;
        for (Style style : Style.values()) {
            double weight = Math.max(0, weights.getOrDefault(style.wire(), 0.0));
            if (weight > 0) {
                last = style;
                if (point < weight) {
                    return style;
                }
                point -= weight;
            }
        }
        return last;
    }
}
