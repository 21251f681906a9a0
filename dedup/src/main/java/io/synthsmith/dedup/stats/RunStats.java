package io.synthsmith.dedup.stats;

/**
 * What dedup decided for one run, over every replica: tasks seen (each counted once, redeliveries not again),
 * by verdict, and the tasks indexed in the run's namespace (the run's own in run scope, every run's in global).
 */
public record RunStats(String runId, String scope, long seen, long unique, long duplicates, long nearDuplicates,
        long contaminated, long indexSize) {
}
