package io.synthsmith.solver.candidates;

import java.util.ArrayList;
import java.util.List;

/**
 * How a task's candidates are split among the run's solver models: as evenly as possible, the first models taking
 * one more when the count does not divide. Each share is one request with {@code n} set to its count.
 */
public final class CandidateShares {

    private CandidateShares() {
    }

    /** One model's part of the candidates. */
    public record Share(String model, int count) {
    }

    /** {@code candidates} split over {@code models} (in order, duplicates counted once); shares of 0 are left out. */
    public static List<Share> split(int candidates, List<String> models) {
        if (candidates < 1) {
            throw new IllegalArgumentException("candidatesPerTask must be at least 1, got " + candidates);
        }
        List<String> distinct = models.stream().distinct().toList();
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("at least one solver model is needed");
        }
        List<Share> shares = new ArrayList<>();
        int base = candidates / distinct.size();
        int extra = candidates % distinct.size();
        for (int i = 0; i < distinct.size(); i++) {
            int count = base + (i < extra ? 1 : 0);
            if (count > 0) {
                shares.add(new Share(distinct.get(i), count));
            }
        }
        return shares;
    }
}
