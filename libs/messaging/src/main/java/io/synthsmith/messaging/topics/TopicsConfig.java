package io.synthsmith.messaging.topics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The topic names of a deployment: every topic is {@code <prefix><name>}. */
@ConfigMapping(prefix = "synthsmith.topics")
public interface TopicsConfig {

    /** The prefix of every topic name (env {@code SYNTHSMITH_TOPICS_PREFIX}). */
    @WithDefault("synthsmith.")
    String prefix();
}
