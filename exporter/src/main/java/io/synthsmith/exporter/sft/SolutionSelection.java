package io.synthsmith.exporter.sft;

import io.synthsmith.messages.Candidate;
import io.synthsmith.messages.RunConfig;
import io.synthsmith.messages.Verified;
import java.util.ArrayList;
import java.util.List;

/**
 * Which candidates of a verified task become SFT samples, by the run's configuration: the golden candidate
 * ({@code golden}), or up to {@code solutionsPerTask} candidates that pass every labelled test, golden first
 * ({@code all_passing}).
 */
public final class SolutionSelection {

    public static final String GOLDEN = "golden";
    public static final String ALL_PASSING = "all_passing";

    private SolutionSelection() {
    }

    /** A chosen candidate and whether it is the golden one. */
    public record Chosen(Candidate candidate, boolean golden) {
    }

    /**
     * The candidates to export. With {@code all_passing}, a task where no candidate passes every labelled test
     * still yields its golden candidate, which passed the hold-out: the task is not lost to the selection.
     *
     * @throws IllegalArgumentException when the golden candidate is not among the task's candidates
     */
    public static List<Chosen> choose(Verified verified, RunConfig.Export export) {
        String goldenId = verified.golden().candidateId();
        Candidate golden = verified.candidates().stream()
                .map(Verified.CandidateResult::candidate)
                .filter(c -> c.id().equals(goldenId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("task " + verified.id() + " names golden candidate "
                        + goldenId + ", which is not among its " + verified.candidates().size() + " candidates"));
        if (!ALL_PASSING.equals(export.solutionSelection())) {
            return List.of(new Chosen(golden, true));
        }
        List<Chosen> chosen = new ArrayList<>();
        boolean goldenPasses = verified.candidates().stream()
                .anyMatch(r -> r.candidate().id().equals(goldenId) && passesEverything(r));
        if (goldenPasses) {
            chosen.add(new Chosen(golden, true));
        }
        for (Verified.CandidateResult result : verified.candidates()) {
            if (chosen.size() >= export.solutionsPerTask()) {
                break;
            }
            if (passesEverything(result) && !result.candidate().id().equals(goldenId)) {
                chosen.add(new Chosen(result.candidate(), false));
            }
        }
        return chosen.isEmpty() ? List.of(new Chosen(golden, true)) : List.copyOf(chosen);
    }

    /** Whether the candidate passed every labelled test. */
    public static boolean passesEverything(Verified.CandidateResult result) {
        return result.passRate() >= 1.0;
    }
}
