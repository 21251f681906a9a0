package io.synthsmith.messages.topics;

import io.synthsmith.messages.codec.MessageType;

/**
 * The pipeline's topics, by base name. A deployment prefixes them (default {@code synthsmith.}); see
 * {@link TopicNames}. Every topic that a service consumes has a dead-letter topic {@code <topic>.dlq}.
 */
public enum Topic {
    SEEDS("seeds", MessageType.SEED, true),
    RUNS("runs", MessageType.RUN, true),
    TASKS("tasks", MessageType.TASK, true),
    SOLVED("solved", MessageType.SOLVED, true),
    VERIFIED("verified", MessageType.VERIFIED, true),
    ACCEPTED("accepted", MessageType.ACCEPTED, true),
    REJECTED("rejected", MessageType.REJECTED, true),
    EXPORT_SFT("export.sft", MessageType.EXPORT_SFT, false),
    EXPORT_RL("export.rl", MessageType.EXPORT_RL, false),
    /** Internal to the task evolver: one record per task to generate, so generation spreads over its replicas. */
    GENERATION_REQUESTS("generation.requests", MessageType.GENERATION_REQUEST, true);

    private final String baseName;
    private final MessageType messageType;
    private final boolean consumedByPipeline;

    Topic(String baseName, MessageType messageType, boolean consumedByPipeline) {
        this.baseName = baseName;
        this.messageType = messageType;
        this.consumedByPipeline = consumedByPipeline;
    }

    /** The name without prefix, for example {@code export.sft}. */
    public String baseName() {
        return baseName;
    }

    /** The one message type this topic carries. */
    public MessageType messageType() {
        return messageType;
    }

    /** Whether a pipeline service reads this topic, and so whether it has a dead-letter topic. */
    public boolean hasDeadLetterTopic() {
        return consumedByPipeline;
    }

    /** Whether the topic is compacted (it holds the latest value per key rather than a stream). */
    public boolean compacted() {
        return this == RUNS;
    }
}
