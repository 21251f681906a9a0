package io.synthsmith.dedup.index;

import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.commons.configuration.StringConfiguration;

/** Opens the index's cache, creating it from its configuration on first use (the server keeps it after that). */
public final class IndexCache {

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

    public static RemoteCache<String, byte[]> open(RemoteCacheManager manager, String name, String configuration) {
        return manager.administration().getOrCreateCache(name, new StringConfiguration(configuration));
    }
}
