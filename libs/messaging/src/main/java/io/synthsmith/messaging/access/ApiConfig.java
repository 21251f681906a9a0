package io.synthsmith.messaging.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Access to the REST endpoints that change state or run code. */
@ConfigMapping(prefix = "synthsmith.api")
public interface ApiConfig {

    /**
     * The bearer token those endpoints require (env {@code SYNTHSMITH_API_TOKEN}). Unset: they are open, which a
     * service accepts only while it listens on loopback ({@link BindingGuard}); set it in every deployment.
     */
    Optional<String> token();

    /**
     * Lets a service listen on a non-loopback address without a token, its state-changing and code-running
     * endpoints open to anyone who can reach it (env {@code SYNTHSMITH_API_ALLOW_OPEN}). Without it such a service
     * refuses to start.
     */
    @WithDefault("false")
    boolean allowOpen();
}
