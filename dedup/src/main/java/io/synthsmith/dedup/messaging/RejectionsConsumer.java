package io.synthsmith.dedup.messaging;

import io.smallrye.common.annotation.RunOnVirtualThread;
import io.synthsmith.dedup.stage.DedupStage;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messaging.inbound.InboundGate;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the rejected topic for the pre-solve stage: a task rejected by the solver or the verifier after the
 * pre-solve stage let it through gives up its in-flight claims ({@link DedupStage#release}). Off with the
 * pre-solve stage.
 */
@ApplicationScoped
public class RejectionsConsumer {

    private final InboundGate gate;
    private final DedupStage stage;

    public RejectionsConsumer(InboundGate gate, DedupStage stage) {
        this.gate = gate;
        this.stage = stage;
    }

    @Incoming("rejected")
    @RunOnVirtualThread
    public void consume(ConsumerRecord<String, byte[]> record) {
        gate.admit(MessageType.REJECTED, record, stage::release);
    }
}
