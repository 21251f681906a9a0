package io.synthsmith.verifier.messaging;

import io.smallrye.common.annotation.RunOnVirtualThread;
import io.synthsmith.messages.Envelope;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messaging.inbound.InboundGate;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the solved topic: each record is checked against its contract by the {@link InboundGate}, which sends
 * what breaks it to the dead-letter topic. Records run on virtual threads, so a slow one never holds its
 * partition.
 */
@ApplicationScoped
public class SolvedConsumer {

    private static final Logger LOG = Logger.getLogger(SolvedConsumer.class);

    private final InboundGate gate;

    public SolvedConsumer(InboundGate gate) {
        this.gate = gate;
    }

    @Incoming("solved")
    @RunOnVirtualThread
    public void consume(ConsumerRecord<String, byte[]> record) {
        gate.admit(MessageType.SOLVED, record, this::admitted);
    }

    private void admitted(Envelope message) {
        // Sandboxed verification arrives with issue #5; until then admitted messages are only counted.
        LOG.debugf("admitted %s %s of run %s", message.schema(), message.id(), message.runId());
    }
}
