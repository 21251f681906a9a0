package io.synthsmith.dedup.index;

import java.time.Duration;
import java.time.Instant;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.exceptions.HotRodClientException;
import org.infinispan.commons.configuration.StringConfiguration;
import org.jboss.logging.Logger;

/** Opens the index's cache, creating it from its configuration on first use (the server keeps it after that). */
public final class IndexCache {

    private static final Logger LOG = Logger.getLogger(IndexCache.class);

    /** The cache's name unless configured otherwise. */
    public static final String DEFAULT_NAME = "synthsmith-dedup-index";

    /**
     * A local cache with a file store: one server, entries kept across its restarts. A cluster uses a distributed
     * cache instead, for example {@code <distributed-cache owners="2">} with the same encoding and store.
     */
    public static final String DEFAULT_CONFIGURATION = "<local-cache><encoding media-type=\"application/x-protostream\"/>"
            + "<persistence><file-store/></persistence></local-cache>";

    private IndexCache() {
    }

    /**
     * Opens (or creates) the cache, waiting while the server is unreachable or still starting (a cache that is "not
     * ready" just after a server restart, for example) for at most {@code patience}; then fails with the last error.
     * The index is opened on the first record, so without the wait one restart of Infinispan would stop the consumer.
     */
    public static RemoteCache<String, byte[]> open(RemoteCacheManager manager, String name, String configuration,
            Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        long backoffMillis = 250;
        while (true) {
            try {
                return manager.administration().getOrCreateCache(name, new StringConfiguration(configuration));
            } catch (HotRodClientException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("cannot open the dedup index cache '" + name + "' in Infinispan within "
                            + patience + ": " + e.getMessage(), e);
                }
                LOG.warnf("the dedup index cache '%s' cannot be opened yet (%s); retrying in %d ms", name, e.getMessage(),
                        backoffMillis);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while opening the dedup index cache", interrupted);
                }
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    /** Opens the cache without waiting for an unavailable server. */
    public static RemoteCache<String, byte[]> open(RemoteCacheManager manager, String name, String configuration) {
        return open(manager, name, configuration, Duration.ZERO);
    }
}
