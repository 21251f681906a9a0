package io.synthsmith.messaging.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.synthsmith.messages.Envelope;
import io.synthsmith.messages.codec.ContractViolation;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messaging.deadletter.DeadLetter;
import io.synthsmith.messaging.deadletter.DeadLetterHeaders;
import io.synthsmith.messaging.deadletter.DeadLetterPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The inbound edge of every service. Each record is checked against the contract of the message type its topic
 * carries; a record that keeps it goes to the stage, one that breaks it goes to the dead-letter topic with the
 * error, and so does one whose processing throws. Either way the record is done with, so one poison message
 * never holds its partition.
 */
@ApplicationScoped
public class InboundGate {

    private static final Logger LOG = Logger.getLogger(InboundGate.class);

    private final MessageCodec codec;
    private final DeadLetterPublisher deadLetters;
    private final MeterRegistry registry;
    private final int maxInboundBytes;

    public InboundGate(MessageCodec codec, DeadLetterPublisher deadLetters, MeterRegistry registry,
            InboundConfig config) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.maxInboundBytes = config.maxInboundBytes();
    }

    /** Checks one record and hands it to {@code stage}, or dead-letters it. Blocks until either is done. */
    public <T extends Envelope> Admission admit(MessageType type, ConsumerRecord<String, byte[]> record,
            Consumer<T> stage) {
        T message;
        try {
            message = decode(type, record.value());
        } catch (ContractViolation violation) {
            return deadLetter(record, violation.kind().name(), violation.field(), violation.getMessage());
        }
        try {
            stage.accept(message);
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "processing %s %s from %s-%d@%d failed", type.schemaId(), message.id(),
                    record.topic(), record.partition(), record.offset());
            return deadLetter(record, DeadLetterHeaders.PROCESSING_FAILED, null,
                    "processing failed: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
        count(record.topic(), "processed", "none");
        return new Admission.Processed(message.id());
    }

    private <T extends Envelope> T decode(MessageType type, byte[] value) throws ContractViolation {
        if (value != null && value.length > maxInboundBytes) {
            throw new ContractViolation(ContractViolation.Kind.TOO_LARGE, null, "message of " + value.length
                    + " bytes is larger than the " + maxInboundBytes + " bytes this service reads"
                    + " (synthsmith.messaging.max-inbound-bytes)");
        }
        return codec.decode(type, value);
    }

    private Admission deadLetter(ConsumerRecord<String, byte[]> record, String kind, String field, String error) {
        deadLetters.publish(new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), kind, field, error));
        count(record.topic(), "dead_lettered", kind);
        return new Admission.DeadLettered(kind, error);
    }

    private void count(String topic, String outcome, String kind) {
        Counter.builder("synthsmith.inbound.records")
                .description("Records read from an input topic, by outcome and, for dead letters, by kind of error")
                .tag("topic", topic)
                .tag("outcome", outcome)
                .tag("kind", kind)
                .register(registry)
                .increment();
    }
}
