package io.synthsmith.evolver.state;

import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.commons.configuration.StringConfiguration;

/**
 * One cache of the Infinispan server, created from its configuration the first time it is used (so that the service
 * starts while the server is still coming up) and shared by every replica. {@code {name}} in the configuration is
 * replaced by the cache's name.
 */
public final class ServerCache {

    private final RemoteCacheManager manager;
    private final String name;
    private final String configuration;
    private volatile RemoteCache<String, String> cache;

    public ServerCache(RemoteCacheManager manager, String name, String configuration) {
        this.manager = manager;
        this.name = name;
        this.configuration = configuration;
    }

    /** The cache, created on the server if it does not exist yet. */
    public RemoteCache<String, String> get() {
        RemoteCache<String, String> current = cache;
        if (current == null) {
            synchronized (this) {
                if (cache == null) {
                    cache = manager.administration().getOrCreateCache(name,
                            new StringConfiguration(configuration.replace("{name}", name)));
                }
                current = cache;
            }
        }
        return current;
    }

    public String name() {
        return name;
    }
}
