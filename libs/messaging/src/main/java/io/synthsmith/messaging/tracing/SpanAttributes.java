package io.synthsmith.messaging.tracing;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attributes of the pipeline's spans: OpenTelemetry's messaging conventions where they have a name, ours under
 * {@code synthsmith.} for what they lack (the run, the message schema, why a record was dead-lettered).
 */
final class SpanAttributes {

    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    static final AttributeKey<String> KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("synthsmith.run.id");
    static final AttributeKey<String> SCHEMA = AttributeKey.stringKey("synthsmith.message.schema");
    static final AttributeKey<String> DEAD_LETTER_KIND = AttributeKey.stringKey("synthsmith.dead_letter.kind");

    static final String KAFKA = "kafka";

    private SpanAttributes() {
    }
}
