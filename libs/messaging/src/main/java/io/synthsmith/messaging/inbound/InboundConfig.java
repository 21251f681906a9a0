package io.synthsmith.messaging.inbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what a service accepts from its input topics. */
@ConfigMapping(prefix = "synthsmith.messaging")
public interface InboundConfig {

    /**
     * The largest record value a service reads, in bytes (env {@code SYNTHSMITH_MESSAGING_MAX_INBOUND_BYTES}).
     * Larger records go to the dead-letter topic as TOO_LARGE. Default 16 MiB, the topics' max.message.bytes.
     */
    @WithDefault("16777216")
    int maxInboundBytes();

    /**
     * How long a record whose processing fails because a dependency is unreachable (Infinispan or Kafka restarting,
     * connection timeouts; see {@link TransientFailures}) is tried again before the service gives up on the
     * dependency (env {@code SYNTHSMITH_MESSAGING_TRANSIENT_RETRY_TIMEOUT}). Such a record is never dead-lettered:
     * after this long the consumer fails, the liveness probe turns DOWN, and the restarted service reads it again.
     */
    @WithDefault("PT5M")
    java.time.Duration transientRetryTimeout();

    /**
     * How the consumers of the input topics share partitions (env
     * {@code SYNTHSMITH_MESSAGING_PARTITION_ASSIGNMENT_STRATEGY}), applied to each input channel's
     * {@code partition.assignment.strategy}. Default: Kafka's CooperativeStickyAssignor, so that a rebalance (a
     * replica or a channel joining, a broker restart) moves only the partitions that change owner. With the eager
     * default every partition is revoked and read again from its last commit while its records are still being
     * processed: the chaos runs saw tasks generated up to five times. Its value is set in this library's
     * microprofile-config.properties, where the channels' settings can read it.
     */
    String partitionAssignmentStrategy();
}
