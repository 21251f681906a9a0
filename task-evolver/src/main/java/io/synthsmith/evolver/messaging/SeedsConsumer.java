package io.synthsmith.evolver.messaging;

import io.smallrye.common.annotation.RunOnVirtualThread;
import io.synthsmith.messages.Envelope;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messaging.inbound.InboundGate;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the seeds topic: each record is checked against its contract by the {@link InboundGate}, which sends
 * what breaks it to the dead-letter topic. Records run on virtual threads, so a slow one never holds its
 * partition.
 */
@ApplicationScoped
public class SeedsConsumer {

    private static final Logger LOG = Logger.getLogger(SeedsConsumer.class);

    private final InboundGate gate;

    public SeedsConsumer(InboundGate gate) {
        this.gate = gate;
    }

    @Incoming("seeds")
    @RunOnVirtualThread
    public void consume(ConsumerRecord<String, byte[]> record) {
        gate.admit(MessageType.SEED, record, this::admitted);
    }

    private void admitted(Envelope message) {
        // Feature extraction, evolution and task generation arrives with issue #3; until then admitted messages are only counted.
        LOG.debugf("admitted %s %s of run %s", message.schema(), message.id(), message.runId());
    }
}
