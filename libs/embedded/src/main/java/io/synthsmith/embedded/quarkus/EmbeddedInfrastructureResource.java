package io.synthsmith.embedded.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.synthsmith.embedded.EmbeddedInfrastructure;
import java.util.Map;

/**
 * A Quarkus test resource that points a service at real Kafka and Infinispan servers. They start once per test
 * JVM, are shared by every test class that uses this resource, and stop when the JVM exits (their JVMs also die
 * with it, see {@link io.synthsmith.embedded.process.OrphanGuard}).
 */
public final class EmbeddedInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedInfrastructure shared;

    /** The running infrastructure, started on first use. */
    public static synchronized EmbeddedInfrastructure infrastructure() {
        if (shared == null) {
            EmbeddedInfrastructure started = EmbeddedInfrastructure.start(
                    EmbeddedInfrastructure.Settings.in(EmbeddedInfrastructure.freshDirectory("embedded-infrastructure")));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-infrastructure-stop"));
            shared = started;
        }
        return shared;
    }

    @Override
    public Map<String, String> start() {
        return infrastructure().quarkusConfig();
    }

    @Override
    public void stop() {
        // Shared across test classes in this JVM; stopped by the shutdown hook.
    }
}
