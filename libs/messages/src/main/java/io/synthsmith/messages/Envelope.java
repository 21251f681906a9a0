package io.synthsmith.messages;

import java.time.Instant;

/**
 * The fields every SynthSmith message carries: its schema with version, the run it belongs to, its own
 * deterministic id (also its Kafka key), where it came from, and when it was made.
 */
public interface Envelope {

    String schema();

    String runId();

    String id();

    Lineage lineage();

    Instant createdAt();
}
