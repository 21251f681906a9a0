package io.synthsmith.dedup.stats;

/**
 * What dedup decided for one run, over every replica: tasks seen after verification (each counted once,
 * redeliveries not again), by verdict, the tasks indexed in the run's namespace (the run's own in run scope, every
 * run's in global), and what the pre-solve stage decided.
 */
public record RunStats(String runId, String scope, long seen, long unique, long duplicates, long nearDuplicates,
        long contaminated, long indexSize, PreSolve preSolve) {

    /**
     * The pre-solve stage's figures: tasks checked (each once), forwarded to the solver, rejected by reason,
     * in-flight tasks released after their rejection downstream, and the solver calls saved: for every task
     * rejected before solving, the candidates the solver would have requested for it (the run's
     * {@code candidatesPerTask}; retries and the probe's requests are not included).
     */
    public record PreSolve(long checked, long forwarded, long duplicates, long nearDuplicates, long contaminated,
            long released, long solverCallsSaved) {
    }
}
