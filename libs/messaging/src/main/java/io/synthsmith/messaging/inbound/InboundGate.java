package io.synthsmith.messaging.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.synthsmith.messages.Envelope;
import io.synthsmith.messages.codec.ContractViolation;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messaging.deadletter.DeadLetter;
import io.synthsmith.messaging.deadletter.DeadLetterHeaders;
import io.synthsmith.messaging.deadletter.DeadLetterPublisher;
import io.synthsmith.messaging.deadletter.GiveUp;
import io.synthsmith.messaging.tracing.MessageTracing;
import io.synthsmith.messaging.tracing.ProcessingSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The inbound edge of every service. Each record is checked against the contract of the message type its topic
 * carries; a record that keeps it goes to the stage, one that breaks it goes to the dead-letter topic with the
 * error, and so does one whose processing throws (under the stage's own kind when it throws {@link GiveUp}),
 * unless what failed is a dependency that is away for now ({@link TransientFailures}): that record is tried again,
 * with backoff, and never dead-lettered. Either way the record is done with, so one poison message never holds its
 * partition. The whole of it runs in the record's CONSUMER span ({@link MessageTracing}), which
 * continues the trace its headers carry: what the stage writes, dead letters included, carries that trace on.
 */
@ApplicationScoped
public class InboundGate {

    private static final Logger LOG = Logger.getLogger(InboundGate.class);

    private final MessageCodec codec;
    private final DeadLetterPublisher deadLetters;
    private final MeterRegistry registry;
    private final MessageTracing tracing;
    private final int maxInboundBytes;
    private final Duration transientRetryTimeout;
    private final Map<String, InFlight> inFlightByTopic = new ConcurrentHashMap<>();
    /** Records being processed now, by topic and message id. */
    private final Map<String, CompletableFuture<Void>> processing = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public InboundGate(MessageCodec codec, DeadLetterPublisher deadLetters, MeterRegistry registry,
            MessageTracing tracing, InboundConfig config) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.tracing = tracing;
        this.maxInboundBytes = config.maxInboundBytes();
        this.transientRetryTimeout = config.transientRetryTimeout();
    }

    /**
     * Checks one record and hands it to {@code stage}, or dead-letters it. Blocks until either is done; {@code stage}
     * runs on the calling thread, inside the record's span.
     */
    public <T extends Envelope> Admission admit(MessageType type, ConsumerRecord<String, byte[]> record,
            Consumer<T> stage) {
        InFlight inFlight = inFlight(record.topic());
        inFlight.enter();
        try (ProcessingSpan span = tracing.process(record)) {
            try {
                return admit(type, record, stage, span);
            } catch (RuntimeException failure) {
                // A dead letter that cannot be written: the channel's failure strategy takes over.
                span.failed(failure);
                throw failure;
            }
        } finally {
            inFlight.leave();
        }
    }

    /** From here on, work that fails was cut short by the shutdown: it is handed back, never dead-lettered. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private InFlight inFlight(String topic) {
        return inFlightByTopic.computeIfAbsent(topic, name -> {
            InFlight gauges = new InFlight();
            Gauge.builder("synthsmith.inbound.in.flight", gauges, InFlight::now)
                    .description("Records of an input topic handed to the service and not yet done with")
                    .tag("topic", name).register(registry);
            Gauge.builder("synthsmith.inbound.in.flight.peak", gauges, InFlight::peak)
                    .description("The most records of an input topic in flight at once since the service started")
                    .tag("topic", name).register(registry);
            return gauges;
        });
    }

    /** Records of one topic in flight now, and the most there have been at once. */
    private static final class InFlight {

        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();

        void enter() {
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
        }

        void leave() {
            now.decrementAndGet();
        }

        double now() {
            return now.get();
        }

        double peak() {
            return peak.get();
        }
    }

    private <T extends Envelope> Admission admit(MessageType type, ConsumerRecord<String, byte[]> record,
            Consumer<T> stage, ProcessingSpan span) {
        T message;
        try {
            message = decode(type, record.value());
        } catch (ContractViolation violation) {
            return deadLetter(record, span, violation.kind().name(), violation.field(), violation.getMessage());
        }
        span.identify(message);
        String key = record.topic() + "/" + message.id();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        for (CompletableFuture<Void> earlier = processing.putIfAbsent(key, mine); earlier != null;
                earlier = processing.putIfAbsent(key, mine)) {
            // A copy of a record this service is working on right now, redelivered by a rebalance: the work is done
            // once, and this copy is done with when the first is. Ids are deterministic, so it is the same work.
            try {
                earlier.join();
                Counter.builder("synthsmith.inbound.joined")
                        .description("Records that arrived again while a copy was being processed, joined to it")
                        .tag("topic", record.topic())
                        .register(registry)
                        .increment();
                count(record.topic(), "processed", "none");
                return new Admission.Processed(message.id());
            } catch (CancellationException handedBack) {
                // The first copy was handed back, not done: this copy does the work.
            }
        }
        boolean done = false;
        try {
            Admission admission = process(type, record, stage, span, message);
            done = true;
            return admission;
        } finally {
            processing.remove(key, mine);
            if (done) {
                mine.complete(null);
            } else {
                mine.cancel(false);
            }
        }
    }

    private <T extends Envelope> Admission process(MessageType type, ConsumerRecord<String, byte[]> record,
            Consumer<T> stage, ProcessingSpan span, T message) {
        Instant giveUpAt = null;
        long backoffMillis = 500;
        while (true) {
            try {
                stage.accept(message);
                count(record.topic(), "processed", "none");
                return new Admission.Processed(message.id());
            } catch (RuntimeException failure) {
                if (stopping || Thread.currentThread().isInterrupted() || TransientFailures.isInterruption(failure)) {
                    // The record is not at fault: its work was cut short. It stays uncommitted, so the next owner of
                    // its partition reads it again; a dead letter here would take a good record out of the pipeline.
                    span.failed(failure);
                    throw new IllegalStateException("processing " + message.id() + " from " + record.topic() + "-"
                            + record.partition() + "@" + record.offset() + " was cut short" + (stopping
                            ? " by the service stopping" : " by an interruption") + "; it is handed back, not"
                            + " dead-lettered", failure);
                }
                if (failure instanceof GiveUp giveUp) {
                    LOG.errorf("processing %s %s from %s-%d@%d gave up (%s): %s", type.schemaId(), message.id(),
                            record.topic(), record.partition(), record.offset(), giveUp.kind(), giveUp.getMessage());
                    span.failed(failure);
                    return deadLetter(record, span, giveUp.kind(), null, giveUp.getMessage());
                }
                if (!TransientFailures.isTransient(failure)) {
                    LOG.errorf(failure, "processing %s %s from %s-%d@%d failed", type.schemaId(), message.id(),
                            record.topic(), record.partition(), record.offset());
                    span.failed(failure);
                    return deadLetter(record, span, DeadLetterHeaders.PROCESSING_FAILED, null,
                            "processing failed: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
                }
                giveUpAt = giveUpAt == null ? Instant.now().plus(transientRetryTimeout) : giveUpAt;
                if (Instant.now().isAfter(giveUpAt)) {
                    // The record is fine; a dependency has been away too long. Failing the consumer turns the
                    // liveness probe DOWN; the restarted service reads the record again.
                    throw new IllegalStateException("a dependency stayed unavailable for " + transientRetryTimeout
                            + " while processing " + message.id() + " from " + record.topic() + "-" + record.partition()
                            + "@" + record.offset() + " (synthsmith.messaging.transient-retry-timeout)", failure);
                }
                LOG.warnf("processing %s %s from %s-%d@%d met an unavailable dependency (%s: %s); trying again in %d ms",
                        type.schemaId(), message.id(), record.topic(), record.partition(), record.offset(),
                        failure.getClass().getSimpleName(), failure.getMessage(), backoffMillis);
                Counter.builder("synthsmith.inbound.retries")
                        .description("Records tried again because a dependency was unavailable, by topic")
                        .tag("topic", record.topic())
                        .register(registry)
                        .increment();
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an unavailable dependency", e);
        }
    }

    private <T extends Envelope> T decode(MessageType type, byte[] value) throws ContractViolation {
        if (value != null && value.length > maxInboundBytes) {
            throw new ContractViolation(ContractViolation.Kind.TOO_LARGE, null, "message of " + value.length
                    + " bytes is larger than the " + maxInboundBytes + " bytes this service reads"
                    + " (synthsmith.messaging.max-inbound-bytes)");
        }
        return codec.decode(type, value);
    }

    private Admission deadLetter(ConsumerRecord<String, byte[]> record, ProcessingSpan span, String kind, String field,
            String error) {
        span.deadLettered(kind, error);
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
