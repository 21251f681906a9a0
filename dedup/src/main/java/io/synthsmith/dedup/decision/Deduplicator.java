package io.synthsmith.dedup.decision;

import io.synthsmith.dedup.contamination.BenchmarkIndex;
import io.synthsmith.dedup.index.SharedIndex;
import io.synthsmith.dedup.minhash.Fingerprint;
import io.synthsmith.dedup.minhash.Fingerprinter;
import io.synthsmith.messages.Accepted;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.infinispan.client.hotrod.exceptions.HotRodClientException;
import org.jboss.logging.Logger;

/**
 * Decides whether a task is new: a verdict already recorded for it is repeated (redelivery); else it is checked
 * against the benchmarks, then claims its statement hash and bands in the shared index, and the verdict is
 * recorded. While Infinispan cannot be reached the decision is retried with backoff, up to a limit, so that an
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

    public Decision decide(String runId, String taskId, String statement) {
        Fingerprint fingerprint = fingerprinter.of(statement);
        String namespace = namespace(runId);
        long deadline = System.nanoTime() + unavailableTimeout.toNanos();
        long backoffMillis = 100;
        while (true) {
            try {
                return decide(namespace, runId, taskId, fingerprint);
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

    private Decision decide(String namespace, String runId, String taskId, Fingerprint fingerprint) {
        Optional<Verdict> recorded = index.recorded(namespace, taskId);
        if (recorded.isPresent()) {
            return new Decision(recorded.get(), namespace, fingerprint.exactHash(), true);
        }
        Verdict verdict = benchmarks.check(fingerprint)
                .<Verdict>map(contaminated -> contaminated)
                .orElseGet(() -> index.claim(namespace, taskId, runId, fingerprint));
        index.record(namespace, taskId, runId, verdict, fingerprint.signature());
        return new Decision(verdict, namespace, fingerprint.exactHash(), false);
    }
}
