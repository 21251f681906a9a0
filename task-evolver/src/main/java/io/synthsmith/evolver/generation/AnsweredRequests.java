package io.synthsmith.evolver.generation;

import io.synthsmith.evolver.state.ServerCache;
import java.time.Clock;

/**
 * Generation requests whose outcome (a task or a rejection) is already on its topic, in Infinispan, shared by every
 * replica. A request's offset can stay uncommitted long after its task is written, behind a slower request of its
 * partition; after a crash, a restart or a scale-in it is delivered again, and without this it would cost its LLM
 * calls again, and the solver's and the verifier's work on a second copy of its task. A request is marked only once
 * the broker has acknowledged its outcome, so a mark never hides work that was not done. Entries expire with the
 * cache's lifespan (7 days by default), long after any redelivery.
 */
public final class AnsweredRequests {

    private final ServerCache cache;
    private final Clock clock;

    public AnsweredRequests(ServerCache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    /** Whether the outcome of {@code requestId} has been written. */
    public boolean answered(String requestId) {
        return cache.get().containsKey(requestId);
    }

    /** Records that the outcome of {@code requestId}, message {@code outcomeId}, has been written. */
    public void markAnswered(String requestId, String outcomeId) {
        cache.get().put(requestId, outcomeId + " " + clock.instant());
    }
}
