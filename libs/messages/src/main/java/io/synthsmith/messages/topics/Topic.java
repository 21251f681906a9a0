package io.synthsmith.messages.topics;

import io.synthsmith.messages.codec.MessageType;
import java.util.Optional;

/**
 * The pipeline's topics, by base name. A deployment prefixes them (default {@code synthsmith.}); see
 * {@link TopicNames}. Every topic that a service consumes has a dead-letter topic {@code <topic>.dlq}.
 */
public enum Topic {
    SEEDS("seeds", MessageType.SEED, true, false),
    RUNS("runs", MessageType.RUN, true, true),
    TASKS("tasks", MessageType.TASK, true, false),
    /** The evolver's tasks that dedup's pre-solve stage found unique: what the solver reads by default. */
    TASKS_UNIQUE("tasks.unique", MessageType.TASK, true, false),
    SOLVED("solved", MessageType.SOLVED, true, false),
    VERIFIED("verified", MessageType.VERIFIED, true, false),
    ACCEPTED("accepted", MessageType.ACCEPTED, true, false),
    REJECTED("rejected", MessageType.REJECTED, true, false),
    EXPORT_SFT("export.sft", MessageType.EXPORT_SFT, false, false),
    EXPORT_RL("export.rl", MessageType.EXPORT_RL, false, false),
    /** Internal to the task evolver: one record per task to generate, so generation spreads over its replicas. */
    GENERATION_REQUESTS("generation.requests", MessageType.GENERATION_REQUEST, true, false),
    /**
     * Internal to the exporter: one record per exported task, keyed by task id, written in the same Kafka
     * transaction as the task's export records, so that a task that reaches {@code accepted} twice is exported
     * once. It is the exporter's state, not a message contract: it has no published schema, and no pipeline
     * service consumes it (so no dead-letter topic).
     */
    EXPORT_LEDGER("export.ledger", null, false, true);

    private final String baseName;
    private final MessageType messageType;
    private final boolean consumedByPipeline;
    private final boolean compacted;

    Topic(String baseName, MessageType messageType, boolean consumedByPipeline, boolean compacted) {
        this.baseName = baseName;
        this.messageType = messageType;
        this.consumedByPipeline = consumedByPipeline;
        this.compacted = compacted;
    }

    /** The name without prefix, for example {@code export.sft}. */
    public String baseName() {
        return baseName;
    }

    /**
     * The one message type this topic carries; empty for a service's internal state topic (the export ledger),
     * whose records are not pipeline messages.
     */
    public Optional<MessageType> messageType() {
        return Optional.ofNullable(messageType);
    }

    /** Whether a pipeline service reads this topic, and so whether it has a dead-letter topic. */
    public boolean hasDeadLetterTopic() {
        return consumedByPipeline;
    }

    /** Whether the topic is compacted (it holds the latest value per key rather than a stream). */
    public boolean compacted() {
        return compacted;
    }
}
