package io.synthsmith.exporter.cost;

import io.synthsmith.messages.Accepted;
import io.synthsmith.messages.Candidate;
import io.synthsmith.messages.Lineage;
import io.synthsmith.messages.Verified;

/**
 * What an accepted task cost in all: the cost its lineage carries from the task-evolver (its share of its seeds'
 * extraction and evolution, its own selection and statement calls), the tokens of its candidates (each candidate
 * carries its share of the solver's request) and the CPU time of the verifier's sandboxed runs. Calls whose tokens
 * no message carries (the solver's test-source requests, candidates dropped before verification) are not in it.
 */
public final class TaskCosts {

    private TaskCosts() {
    }

    public static Lineage.Cost of(Accepted accepted) {
        Verified verified = accepted.verified();
        Lineage.Cost cost = accepted.lineage().cost() == null ? Lineage.Cost.ZERO : accepted.lineage().cost();
        for (Verified.CandidateResult result : verified.candidates()) {
            Candidate.TokenUsage usage = result.candidate() == null ? null : result.candidate().usage();
            if (usage != null) {
                cost = cost.plus(new Lineage.Cost(orZero(usage.promptTokens()), orZero(usage.completionTokens()),
                        usage.reasoningTokens(), 0));
            }
        }
        if (verified.execution() != null) {
            cost = cost.plus(new Lineage.Cost(0, 0, null, verified.execution().cpuMillis()));
        }
        return cost;
    }

    /** The task's lineage with its cost replaced by the whole cost of the task. */
    public static Lineage lineageOf(Accepted accepted) {
        return accepted.lineage().withTotalCost(of(accepted));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
