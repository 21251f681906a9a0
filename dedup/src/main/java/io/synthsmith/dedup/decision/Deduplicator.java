package io.synthsmith.dedup.decision;

import io.synthsmith.dedup.contamination.BenchmarkIndex;
import io.synthsmith.dedup.index.IndexEntry;
import io.synthsmith.dedup.index.SharedIndex;
import io.synthsmith.dedup.minhash.Fingerprint;
import io.synthsmith.dedup.minhash.Fingerprinter;
import io.synthsmith.messages.Accepted;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.infinispan.client.hotrod.exceptions.HotRodClientException;
import org.jboss.logging.Logger;

/**
 * Decides whether a task is new: a verdict already recorded for it is repeated (redelivery); else it is checked
 * against the benchmarks, then claims its statement hash and bands in the shared index, and the verdict is
 * recorded. The same index serves the pre-solve stage ({@link #screen}), whose unique tasks stay in flight until
 * the post-verification stage confirms them ({@link #decide}) or their rejection releases them ({@link #release}).
 * While Infinispan cannot be reached the decision is retried with backoff, up to a limit, so that an
 * outage delays tasks instead of dead-lettering them.
 */
public final class Deduplicator {

    private static final Logger LOG = Logger.getLogger(Deduplicator.class);

    private final Fingerprinter fingerprinter;
    private final SharedIndex index;
    private final BenchmarkIndex benchmarks;
    private final Accepted.Scope scope;
    private final Duration unavailableTimeout;

    public Deduplicator(Fingerprinter fingerprinter, SharedIndex index, BenchmarkIndex benchmarks,
            Accepted.Scope scope, Duration unavailableTimeout) {
        this.fingerprinter = fingerprinter;
        this.index = index;
        this.benchmarks = benchmarks;
        this.scope = scope;
        this.unavailableTimeout = unavailableTimeout;
    }

    public Accepted.Scope scope() {
        return scope;
    }

    /** The namespace a run's tasks are indexed in: the run itself, or every run. */
    public String namespace(String runId) {
        return scope == Accepted.Scope.RUN ? "run:" + runId : "global";
    }

    /**
     * The post-verification decision. A task the pre-solve stage let through is found in flight under its own id:
     * it is confirmed (it is not a duplicate of itself), never decided again.
     */
    public Decision decide(String runId, String taskId, String statement) {
        Fingerprint fingerprint = fingerprinter.of(statement);
        String namespace = namespace(runId);
        return retrying(taskId, () -> decideVerified(namespace, runId, taskId, fingerprint));
    }

    /**
     * The pre-solve decision: the same checks against the same index, but a unique task is recorded in flight
     * (compared with as an accepted one, and released if it is rejected later, see {@link #release}).
     */
    public Decision screen(String runId, String taskId, String statement) {
        Fingerprint fingerprint = fingerprinter.of(statement);
        String namespace = namespace(runId);
        return retrying(taskId, () -> screenTask(namespace, runId, taskId, fingerprint));
    }

    /** Gives up the claims of a task rejected after the pre-solve stage; whether it was in flight. */
    public boolean release(String runId, String taskId) {
        return retrying(taskId, () -> index.release(namespace(runId), taskId));
    }

    private <T> T retrying(String taskId, Supplier<T> decision) {
        long deadline = System.nanoTime() + unavailableTimeout.toNanos();
        long backoffMillis = 100;
        while (true) {
            try {
                return decision.get();
            } catch (HotRodClientException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the dedup index (Infinispan) was unavailable for longer than "
                            + unavailableTimeout + " (synthsmith.dedup.index.unavailable-timeout) while deciding "
                            + taskId + ": " + e.getMessage(), e);
                }
                LOG.warnf("dedup index unavailable while deciding %s, retrying in %d ms: %s", taskId, backoffMillis,
                        e.getMessage());
                LockSupport.parkNanos(Duration.ofMillis(backoffMillis).toNanos());
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    private Decision decideVerified(String namespace, String runId, String taskId, Fingerprint fingerprint) {
        Optional<IndexEntry> recorded = recorded(namespace, taskId);
        if (recorded.isPresent()) {
            Verdict verdict = recorded.get().verdict();
            if (recorded.get().standing() == IndexEntry.Standing.IN_FLIGHT) {
                index.record(namespace, taskId, runId, verdict, fingerprint.signature());
                return new Decision(verdict, namespace, fingerprint.exactHash(), false, true);
            }
            return new Decision(verdict, namespace, fingerprint.exactHash(), true);
        }
        Verdict verdict = check(namespace, runId, taskId, fingerprint);
        index.record(namespace, taskId, runId, verdict, fingerprint.signature());
        return new Decision(verdict, namespace, fingerprint.exactHash(), false);
    }

    private Decision screenTask(String namespace, String runId, String taskId, Fingerprint fingerprint) {
        Optional<IndexEntry> recorded = recorded(namespace, taskId);
        if (recorded.isPresent()) {
            return new Decision(recorded.get().verdict(), namespace, fingerprint.exactHash(), true);
        }
        Verdict verdict = check(namespace, runId, taskId, fingerprint);
        index.recordInFlight(namespace, taskId, runId, verdict, fingerprint);
        return new Decision(verdict, namespace, fingerprint.exactHash(), false);
    }

    /** The task's entry when it holds a verdict that still stands (not claiming, not released). */
    private Optional<IndexEntry> recorded(String namespace, String taskId) {
        return index.entry(namespace, taskId)
                .filter(entry -> entry.verdict() != null && entry.standing() != IndexEntry.Standing.RELEASED);
    }

    private Verdict check(String namespace, String runId, String taskId, Fingerprint fingerprint) {
        return benchmarks.check(fingerprint)
                .<Verdict>map(contaminated -> contaminated)
                .orElseGet(() -> index.claim(namespace, taskId, runId, fingerprint));
    }
}
