package io.synthsmith.messaging.deadletter;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.synthsmith.messages.topics.TopicNames;
import io.synthsmith.messaging.outbound.ConfirmedSend;
import io.synthsmith.messaging.tracing.MessageTracing;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Writes records a service cannot process to {@code <source topic>.dlq}, with headers naming the error, the
 * field, the source offset and the service. A send is confirmed by the broker before it returns, so the source
 * record can be acknowledged without anything being lost. A dead letter continues the trace of the record it
 * replaces ({@link MessageTracing}), so a failed task's trace ends on its dead-letter topic.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final Emitter<byte[]> emitter;
    private final String service;
    private final MessageTracing tracing;
    private final Clock clock;
    private final int maxValueBytes;

    /** How much a dead letter keeps of a value too large for the dead-letter producer's request size. */
    static final int TRUNCATED_BYTES = 64 * 1024;

    /** Room left in a request for the key, the headers and the record's framing. */
    static final int HEADROOM_BYTES = 512 * 1024;

    public DeadLetterPublisher(@Channel("dead-letters") Emitter<byte[]> emitter,
            @ConfigProperty(name = "quarkus.application.name") String service, MessageTracing tracing,
            @ConfigProperty(name = "mp.messaging.outgoing.dead-letters.max.request.size", defaultValue = "17825792")
            int maxRequestBytes) {
        this.emitter = emitter;
        this.maxValueBytes = maxRequestBytes - HEADROOM_BYTES;
        this.service = service;
        this.tracing = tracing;
        this.clock = Clock.systemUTC();
    }

    /** Sends the dead letter and waits for the broker's acknowledgement; throws if it cannot be written. */
    public void publish(DeadLetter letter) {
        String target = letter.sourceTopic() + TopicNames.DEAD_LETTER_SUFFIX;
        RecordHeaders headers = new RecordHeaders();
        header(headers, DeadLetterHeaders.ERROR, letter.error());
        header(headers, DeadLetterHeaders.ERROR_KIND, letter.kind());
        header(headers, DeadLetterHeaders.ERROR_FIELD, letter.field());
        header(headers, DeadLetterHeaders.SOURCE_TOPIC, letter.sourceTopic());
        header(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(letter.partition()));
        header(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(letter.offset()));
        header(headers, DeadLetterHeaders.SERVICE, service);
        header(headers, DeadLetterHeaders.FAILED_AT, clock.instant().toString());
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(target)
                .withKey(letter.key())
                .withHeaders(headers)
                .build();
        byte[] original = letter.value() == null ? new byte[0] : letter.value();
        if (original.length > maxValueBytes) {
            // Larger than the dead-letter producer may send (only a TOO_LARGE record, over what a service reads, can
            // be): a full copy could not be written at all, and could never be replayed as it is. Keep its head.
            header(headers, DeadLetterHeaders.ORIGINAL_BYTES, Integer.toString(original.length));
        }
        byte[] value = original.length > maxValueBytes ? java.util.Arrays.copyOf(original, TRUNCATED_BYTES) : original;
        tracing.publish(target, letter.key(), headers, () -> ConfirmedSend.send(emitter, value, metadata,
                "a dead letter to " + target + " for " + letter.sourceTopic() + "-" + letter.partition() + "@"
                        + letter.offset()));
        LOG.warnf("dead-lettered %s-%d@%d (key %s) to %s: %s", letter.sourceTopic(), letter.partition(),
                letter.offset(), letter.key(), target, letter.error());
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
