package io.synthsmith.verifier.difficulty;

import io.synthsmith.messages.Solved;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.Verified;
import io.synthsmith.verifier.runners.PreparedProgram;
import io.synthsmith.verifier.runners.ProgramRunner;
import io.synthsmith.verifier.runners.RunInput;
import io.synthsmith.verifier.runners.RunTally;
import io.synthsmith.verifier.sandbox.RunOutcome;
import io.synthsmith.verifier.sandbox.SandboxLimits;
import io.synthsmith.verifier.voting.OutputComparison;
import io.synthsmith.verifier.voting.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * The task's difficulty for the run's probe model: each of its attempts ({@code solved.probe}) runs in the sandbox on
 * the labelled tests, after the labels are decided, and is judged against the labels as a candidate is. Attempts are
 * evidence of nothing: they never vote and are never golden. An attempt whose call failed is left out; one without a
 * program, or one the verifier cannot run, scores 0.
 *
 * @param limits    the limits of each run (the candidates' limits)
 * @param easyFrom  the mean pass rate from which the task is easy for the probe
 * @param hardBelow the mean pass rate under which it is hard
 */
public record ProbeScoring(ProgramRunner runner, SandboxLimits limits, double easyFrom, double hardBelow) {

    /** The level of a mean pass rate with these thresholds. */
    public Verified.Difficulty.Level level(double meanPassRate) {
        return meanPassRate >= easyFrom ? Verified.Difficulty.Level.EASY
                : meanPassRate < hardBelow ? Verified.Difficulty.Level.HARD : Verified.Difficulty.Level.MEDIUM;
    }

    /**
     * The probe's difficulty on the labelled tests ({@code inputs} and their {@code labels}, in the same order), its
     * runs counted in {@code tally}; empty when the task has no probe or none of its calls was answered.
     */
    public Optional<Verified.ProbeDifficulty> score(Solved.Probe probe, Optional<Task.Signature> signature,
            List<String> inputs, List<String> labels, OutputComparison comparison, RunTally tally) {
        if (probe == null || inputs.isEmpty()) {
            return Optional.empty();
        }
        List<RunInput> runs = inputs.stream().map(RunInput::of).toList();
        int answered = 0;
        int solved = 0;
        double passRateSum = 0;
        for (Solved.ProbeAttempt attempt : probe.attempts()) {
            if (Solved.ProbeAttempt.CALL_FAILED.equals(attempt.finishReason())) {
                continue;
            }
            answered++;
            if (attempt.code() == null || attempt.language() == null) {
                continue;
            }
            int passed = 0;
            try (PreparedProgram program = runner.prepare(attempt.language(), attempt.code(), signature)) {
                tally.addPreparation(program.preparation());
                if (program instanceof PreparedProgram.Unsupported) {
                    continue;
                }
                List<RunOutcome> outcomes = runner.runAll(program, runs, limits);
                tally.addAll(outcomes);
                for (int t = 0; t < outcomes.size(); t++) {
                    if (Verdict.of(outcomes.get(t), labels.get(t), comparison) == Verdict.PASSED) {
                        passed++;
                    }
                }
            }
            passRateSum += (double) passed / runs.size();
            solved += passed == runs.size() ? 1 : 0;
        }
        if (answered == 0) {
            return Optional.empty();
        }
        double mean = passRateSum / answered;
        return Optional.of(new Verified.ProbeDifficulty(probe.model(), answered, mean, solved, level(mean)));
    }
}
