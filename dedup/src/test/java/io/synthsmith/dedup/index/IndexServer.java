package io.synthsmith.dedup.index;

import io.synthsmith.embedded.EmbeddedInfrastructure;
import io.synthsmith.embedded.infinispan.InfinispanServer;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;

/**
 * A real Infinispan server of its own for the index tests (so they can kill and restart it), and Hot Rod clients
 * to it: each client stands for one dedup replica.
 */
public final class IndexServer implements AutoCloseable {

    private final InfinispanServer server;

    private IndexServer(InfinispanServer server) {
        this.server = server;
    }

    public static IndexServer start() {
        return new IndexServer(InfinispanServer.start(
                InfinispanServer.Settings.in(EmbeddedInfrastructure.freshDirectory("dedup-index"))));
    }

    public InfinispanServer server() {
        return server;
    }

    /** A new client, as a new replica (or a restarted one) would open. */
    public RemoteCacheManager client() {
        return new RemoteCacheManager(new ConfigurationBuilder().addServers(server.hotRodHosts()).build());
    }

    public static RemoteCache<String, byte[]> cache(RemoteCacheManager client) {
        return IndexCache.open(client, IndexCache.DEFAULT_NAME, IndexCache.DEFAULT_CONFIGURATION);
    }

    @Override
    public void close() {
        server.stop();
    }
}
