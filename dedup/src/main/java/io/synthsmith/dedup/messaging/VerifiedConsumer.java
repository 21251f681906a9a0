package io.synthsmith.dedup.messaging;

import io.smallrye.common.annotation.RunOnVirtualThread;
import io.synthsmith.dedup.stage.DedupStage;
import io.synthsmith.messaging.inbound.InboundGate;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the dedup's input topic (verified by default, see synthsmith.dedup.input-topic): each record is checked
 * against its contract by the {@link InboundGate}, which sends what breaks it to the dead-letter topic, and the
 * rest go to the {@link DedupStage}. Records run on virtual threads; the stage bounds how many are decided at once.
 */
@ApplicationScoped
public class VerifiedConsumer {

    private final InboundGate gate;
    private final DedupStage stage;

    public VerifiedConsumer(InboundGate gate, DedupStage stage) {
        this.gate = gate;
        this.stage = stage;
    }

    @Incoming("verified")
    @RunOnVirtualThread
    public void consume(ConsumerRecord<String, byte[]> record) {
        gate.admit(stage.inputType(), record, stage::process);
    }
}
