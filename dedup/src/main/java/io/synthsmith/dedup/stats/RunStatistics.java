package io.synthsmith.dedup.stats;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.infinispan.counter.api.CounterConfiguration;
import org.infinispan.counter.api.CounterManager;
import org.infinispan.counter.api.CounterType;
import org.infinispan.counter.api.Storage;

/**
 * Per-run counts of verdicts, and the size of each index namespace, kept in Infinispan strong counters so that
 * every replica adds to the same figures and they outlive a replica (persistent counters also outlive a server
 * restart).
 */
public final class RunStatistics {

    /** The verdicts counted per run, by the names that stats and metrics use. */
    public static final Set<String> OUTCOMES = Set.of("unique", "duplicate", "near_duplicate", "contaminated");

    private static final CounterConfiguration PERSISTENT = CounterConfiguration.builder(CounterType.UNBOUNDED_STRONG)
            .storage(Storage.PERSISTENT).build();

    private final CounterManager counters;
    private final String indexTag;
    private final Set<String> defined = ConcurrentHashMap.newKeySet();

    /** @param indexTag the index's scheme tag: a namespace's size is counted per scheme, as the index is */
    public RunStatistics(CounterManager counters, String indexTag) {
        this.counters = counters;
        this.indexTag = indexTag;
    }

    /** Counts one verdict of a run. */
    public void count(String runId, String outcome) {
        increment(outcomeCounter(runId, outcome));
    }

    /**
     * Counts one verdict of the pre-solve stage, and the solver calls it saved (the run's candidates per task for
     * a task rejected before solving, 0 for a forwarded one).
     */
    public void countPreSolve(String runId, String outcome, int solverCallsSaved) {
        increment(preSolveCounter(runId, outcome));
        if (solverCallsSaved > 0) {
            add(preSolveCounter(runId, "solver-calls-saved"), solverCallsSaved);
        }
    }

    /** Counts one in-flight task of a run released after its rejection downstream. */
    public void countReleased(String runId) {
        increment(preSolveCounter(runId, "released"));
    }

    /** Counts one more task in a namespace of the index, and in the whole index; returns the whole index's size. */
    public long indexed(String namespace) {
        increment(indexCounter(namespace));
        return increment(indexCounter("*"));
    }

    /** The figures of one run. */
    public RunStats of(String runId, String namespace, String scope) {
        Map<String, Long> byOutcome = new java.util.TreeMap<>();
        long seen = 0;
        for (String outcome : OUTCOMES) {
            long value = value(outcomeCounter(runId, outcome));
            byOutcome.put(outcome, value);
            seen += value;
        }
        long forwarded = value(preSolveCounter(runId, "unique"));
        long duplicates = value(preSolveCounter(runId, "duplicate"));
        long nearDuplicates = value(preSolveCounter(runId, "near_duplicate"));
        long contaminated = value(preSolveCounter(runId, "contaminated"));
        RunStats.PreSolve preSolve = new RunStats.PreSolve(forwarded + duplicates + nearDuplicates + contaminated,
                forwarded, duplicates, nearDuplicates, contaminated, value(preSolveCounter(runId, "released")),
                value(preSolveCounter(runId, "solver-calls-saved")));
        return new RunStats(runId, scope, seen, byOutcome.get("unique"), byOutcome.get("duplicate"),
                byOutcome.get("near_duplicate"), byOutcome.get("contaminated"), value(indexCounter(namespace)),
                preSolve);
    }

    /** Tasks in the whole index (every namespace) under this scheme. */
    public long indexSize() {
        return value(indexCounter("*"));
    }

    private String outcomeCounter(String runId, String outcome) {
        return "synthsmith-dedup.run." + runId + "." + outcome;
    }

    private String preSolveCounter(String runId, String name) {
        return "synthsmith-dedup.run." + runId + ".pre-solve." + name;
    }

    private String indexCounter(String namespace) {
        return "synthsmith-dedup.index." + indexTag + "." + namespace;
    }

    private long increment(String name) {
        define(name);
        return counters.getStrongCounter(name).sync().incrementAndGet();
    }

    private void add(String name, long delta) {
        define(name);
        counters.getStrongCounter(name).sync().addAndGet(delta);
    }

    private long value(String name) {
        define(name);
        return counters.getStrongCounter(name).sync().getValue();
    }

    private void define(String name) {
        if (defined.contains(name)) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                counters.defineCounter(name, PERSISTENT);
                break;
            } catch (RuntimeException e) {
                // The server persists counter definitions by renaming a temporary file, and two definitions at once
                // can collide there (ISPN029525 "Cannot rename file ... counters.xml"); the counter may be defined
                // anyway. Seen when replicas start deciding a new run at the same moment.
                if (counters.isDefined(name)) {
                    break;
                }
                if (attempt >= 5) {
                    throw e;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        defined.add(name);
    }
}
