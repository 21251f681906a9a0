package io.synthsmith.exporter.messaging;

import io.smallrye.common.annotation.RunOnVirtualThread;
import io.synthsmith.messages.Envelope;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messaging.inbound.InboundGate;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the accepted topic: each record is checked against its contract by the {@link InboundGate}, which sends
 * what breaks it to the dead-letter topic. Records run on virtual threads, so a slow one never holds its
 * partition.
 */
@ApplicationScoped
public class AcceptedConsumer {

    private static final Logger LOG = Logger.getLogger(AcceptedConsumer.class);

    private final InboundGate gate;

    public AcceptedConsumer(InboundGate gate) {
        this.gate = gate;
    }

    @Incoming("accepted")
    @RunOnVirtualThread
    public void consume(ConsumerRecord<String, byte[]> record) {
        gate.admit(MessageType.ACCEPTED, record, this::admitted);
    }

    private void admitted(Envelope message) {
        // Export arrives with issue #7; until then admitted messages are only counted.
        LOG.debugf("admitted %s %s of run %s", message.schema(), message.id(), message.runId());
    }
}
