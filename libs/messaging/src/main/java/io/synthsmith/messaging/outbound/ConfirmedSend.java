package io.synthsmith.messaging.outbound;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends one record through an emitter and blocks until the broker has acknowledged it. */
public final class ConfirmedSend {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private ConfirmedSend() {
    }

    /**
     * Sends {@code value} with {@code metadata} (its topic, key and headers) and waits for the broker;
     * throws an {@link IllegalStateException} naming {@code what} when it cannot be written.
     */
    public static void send(Emitter<byte[]> emitter, byte[] value, OutgoingKafkaRecordMetadata<String> metadata,
            String what) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        emitter.send(Message.of(value)
                .addMetadata(metadata)
                .withAck(() -> {
                    written.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    written.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        try {
            written.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write " + what + ": " + e.getMessage(), e);
        }
    }
}
