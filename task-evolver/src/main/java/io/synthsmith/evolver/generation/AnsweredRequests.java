package io.synthsmith.evolver.generation;

import java.time.Clock;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.commons.configuration.StringConfiguration;

/**
 * Generation requests whose outcome (a task or a rejection) is already on its topic, in Infinispan, shared by every
 * replica. A request's offset can stay uncommitted long after its task is written, behind a slower request of its
 * partition; after a crash, a restart or a scale-in it is delivered again, and without this it would cost its LLM
 * calls again, and the solver's and the verifier's work on a second copy of its task. A request is marked only once
 * the broker has acknowledged its outcome, so a mark never hides work that was not done. Entries expire with the
 * cache's lifespan (7 days by default), long after any redelivery.
 */
public final class AnsweredRequests {

    private final RemoteCacheManager manager;
    private final String cacheName;
    private final String cacheConfiguration;
    private final Clock clock;
    private volatile RemoteCache<String, String> cache;

    public AnsweredRequests(RemoteCacheManager manager, String cacheName, String cacheConfiguration, Clock clock) {
        this.manager = manager;
        this.cacheName = cacheName;
        this.cacheConfiguration = cacheConfiguration;
        this.clock = clock;
    }

    /** Whether the outcome of {@code requestId} has been written. */
    public boolean answered(String requestId) {
        return cache().containsKey(requestId);
    }

    /** Records that the outcome of {@code requestId}, message {@code outcomeId}, has been written. */
    public void markAnswered(String requestId, String outcomeId) {
        cache().put(requestId, outcomeId + " " + clock.instant());
    }

    private RemoteCache<String, String> cache() {
        RemoteCache<String, String> current = cache;
        if (current == null) {
            synchronized (this) {
                if (cache == null) {
                    cache = manager.administration().getOrCreateCache(cacheName,
                            new StringConfiguration(cacheConfiguration.replace("{name}", cacheName)));
                }
                current = cache;
            }
        }
        return current;
    }
}
