package io.synthsmith.messaging.outbound;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.synthsmith.messages.Envelope;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messages.topics.TopicNames;
import io.synthsmith.messaging.tracing.MessageTracing;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Writes a service's output messages to their topics, keyed by message id, and waits until the broker has them.
 * A consumer that calls {@link #publish} before returning from its handler gets at-least-once delivery: its input
 * offset is committed only after the output is written. Each record carries the trace context of the work that
 * wrote it in its headers ({@link MessageTracing}).
 */
@ApplicationScoped
public class OutboundPublisher {

    private final Emitter<byte[]> emitter;
    private final TopicNames topics;
    private final MessageCodec codec;
    private final MeterRegistry registry;
    private final MessageTracing tracing;

    public OutboundPublisher(@Channel("outbound") Emitter<byte[]> emitter, TopicNames topics, MessageCodec codec,
            MeterRegistry registry, MessageTracing tracing) {
        this.emitter = emitter;
        this.topics = topics;
        this.codec = codec;
        this.registry = registry;
        this.tracing = tracing;
    }

    /** Writes {@code message} to {@code topic} (under the deployment's prefix) and waits for the broker. */
    public void publish(Topic topic, Envelope message) {
        publish(topics.of(topic), message);
    }

    /** Writes {@code message} to the topic of that full name and waits for the broker. */
    public void publish(String topicName, Envelope message) {
        byte[] value = codec.encode(message);
        RecordHeaders headers = new RecordHeaders();
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topicName)
                .withKey(message.id())
                .withHeaders(headers)
                .build();
        tracing.publish(topicName, message.id(), headers, () -> ConfirmedSend.send(emitter, value, metadata,
                message.schema() + " " + message.id() + " to " + topicName));
        count(topicName, message);
    }

    private void count(String topicName, Envelope message) {
        Counter.builder("synthsmith.outbound.records")
                .description("Messages a service wrote, by topic")
                .tag("topic", topicName)
                .register(registry)
                .increment();
        if (message instanceof Rejected rejected) {
            Counter.builder("synthsmith.rejections")
                    .description("Work a stage decided against, by stage and reason")
                    .tag("stage", rejected.stage())
                    .tag("reason", rejected.reason().wire())
                    .register(registry)
                    .increment();
        }
    }
}
