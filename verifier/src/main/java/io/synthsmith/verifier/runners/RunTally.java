package io.synthsmith.verifier.runners;

import io.synthsmith.verifier.sandbox.RunOutcome;
import io.synthsmith.verifier.sandbox.RunStats;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/** What the runs of one task cost, counted from many threads. */
public final class RunTally {

    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong cpuMillis = new AtomicLong();
    private final AtomicLong wallMillis = new AtomicLong();
    private final AtomicLong sandboxFailures = new AtomicLong();

    public void add(RunOutcome outcome) {
        runs.incrementAndGet();
        cpuMillis.addAndGet(outcome.stats().cpuMillis());
        wallMillis.addAndGet(outcome.stats().wallMillis());
        if (outcome instanceof RunOutcome.SandboxFailure) {
            sandboxFailures.incrementAndGet();
        }
    }

    public void addAll(Collection<RunOutcome> outcomes) {
        outcomes.forEach(this::add);
    }

    /** Adds a preparation (a compilation) as a run. */
    public void addPreparation(RunStats stats) {
        if (stats.wallMillis() > 0 || stats.cpuMillis() > 0) {
            runs.incrementAndGet();
            cpuMillis.addAndGet(stats.cpuMillis());
            wallMillis.addAndGet(stats.wallMillis());
        }
    }

    public long runs() {
        return runs.get();
    }

    public long cpuMillis() {
        return cpuMillis.get();
    }

    public long wallMillis() {
        return wallMillis.get();
    }

    public long sandboxFailures() {
        return sandboxFailures.get();
    }
}
