package io.synthsmith.messaging.outbound;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.synthsmith.messages.Envelope;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messages.topics.TopicNames;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Writes a service's output messages to their topics, keyed by message id, and waits until the broker has them.
 * A consumer that calls {@link #publish} before returning from its handler gets at-least-once delivery: its input
 * offset is committed only after the output is written.
 */
@ApplicationScoped
public class OutboundPublisher {

    private static final Duration SEND_TIMEOUT = Duration.ofMinutes(2);

    private final Emitter<byte[]> emitter;
    private final TopicNames topics;
    private final MessageCodec codec;

    public OutboundPublisher(@Channel("outbound") Emitter<byte[]> emitter, TopicNames topics, MessageCodec codec) {
        this.emitter = emitter;
        this.topics = topics;
        this.codec = codec;
    }

    /** Writes {@code message} to {@code topic} (under the deployment's prefix) and waits for the broker. */
    public void publish(Topic topic, Envelope message) {
        publish(topics.of(topic), message);
    }

    /** Writes {@code message} to the topic of that full name and waits for the broker. */
    public void publish(String topicName, Envelope message) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        emitter.send(Message.of(codec.encode(message))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(topicName)
                        .withKey(message.id())
                        .build())
                .withAck(() -> {
                    written.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    written.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        try {
            written.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + message.id() + " to " + topicName, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write " + message.schema() + " " + message.id() + " to "
                    + topicName + ": " + e.getMessage(), e);
        }
    }
}
