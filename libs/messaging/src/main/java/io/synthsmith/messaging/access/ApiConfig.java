package io.synthsmith.messaging.access;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Access to the REST endpoints that change state or run code. */
@ConfigMapping(prefix = "synthsmith.api")
public interface ApiConfig {

    /**
     * The bearer token those endpoints require (env {@code SYNTHSMITH_API_TOKEN}). Unset: they are open, as suits a
     * local run on loopback; set it in every deployment.
     */
    Optional<String> token();
}
