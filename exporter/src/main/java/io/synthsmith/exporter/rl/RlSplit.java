package io.synthsmith.exporter.rl;

import io.synthsmith.exporter.sft.SolutionSelection;
import io.synthsmith.messages.ExportRl;
import io.synthsmith.messages.Verified;

/**
 * Which RL split a task goes to. With the run's probe (the model being trained, or its base) the probe's mean pass
 * rate decides: {@code easy} (too easy: at or above {@code probeEasyFrom}), {@code hard} (too hard: at or below
 * {@code probeHardUpTo}) or {@code main} (useful: in between). Without a probe the candidates decide as before:
 * {@code easy} when every candidate passed every labelled test, else {@code main}; there is no {@code hard} split
 * then, since a task some candidate solved says nothing of the model being trained. A run with
 * {@code export.easySplit=false} puts every task in {@code main}.
 *
 * @param probeEasyFrom the probe's mean pass rate from which a task is too easy
 * @param probeHardUpTo the probe's mean pass rate up to which a task is too hard
 */
public record RlSplit(double probeEasyFrom, double probeHardUpTo) {

    public static final String MAIN = "main";
    public static final String EASY = "easy";
    public static final String HARD = "hard";

    /** The defaults: every probe attempt passed every test (1.0); no probe attempt passed any test (0.0). */
    public static final RlSplit DEFAULTS = new RlSplit(1.0, 0.0);

    public RlSplit {
        if (probeHardUpTo >= probeEasyFrom) {
            throw new IllegalArgumentException("synthsmith.exporter.rl.probe-hard-up-to (" + probeHardUpTo
                    + ") must be below synthsmith.exporter.rl.probe-easy-from (" + probeEasyFrom + ")");
        }
    }

    /** The split of {@code verified} under a run whose {@code easySplit} is {@code keepApart}. */
    public String of(Verified verified, boolean keepApart) {
        if (!keepApart) {
            return MAIN;
        }
        Verified.ProbeDifficulty probe = verified.difficulty() == null ? null : verified.difficulty().probe();
        if (probe != null) {
            return probe.meanPassRate() >= probeEasyFrom ? EASY : probe.meanPassRate() <= probeHardUpTo ? HARD : MAIN;
        }
        return solvedByEveryCandidate(verified) ? EASY : MAIN;
    }

    /** Whose pass rate decides the split of {@code verified}: {@code probe} or {@code solver}. */
    public static String decidedBy(Verified verified) {
        return verified.difficulty() != null && verified.difficulty().probe() != null ? ExportRl.ExtraInfo.BY_PROBE
                : ExportRl.ExtraInfo.BY_SOLVER;
    }

    /** Whether every candidate passed every labelled test: such a task teaches an RL policy little. */
    static boolean solvedByEveryCandidate(Verified verified) {
        return !verified.candidates().isEmpty()
                && verified.candidates().stream().allMatch(SolutionSelection::passesEverything);
    }
}
