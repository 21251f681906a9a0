package io.synthsmith.verifier.messaging;

import io.smallrye.common.annotation.RunOnVirtualThread;
import io.synthsmith.messages.Solved;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messaging.inbound.InboundGate;
import io.synthsmith.messaging.outbound.OutboundPublisher;
import io.synthsmith.verifier.verification.TaskVerifier;
import io.synthsmith.verifier.verification.VerificationResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the solved topic: each record is checked against its contract by the {@link InboundGate}, which sends
 * what breaks it to the dead-letter topic; an admitted task is verified and its verified or rejected message is
 * written before the record is done with. Records run on virtual threads; {@link TaskVerifier} bounds how many are
 * verified at once.
 */
@ApplicationScoped
public class SolvedConsumer {

    private final InboundGate gate;
    private final TaskVerifier verifier;
    private final OutboundPublisher publisher;

    public SolvedConsumer(InboundGate gate, TaskVerifier verifier, OutboundPublisher publisher) {
        this.gate = gate;
        this.verifier = verifier;
        this.publisher = publisher;
    }

    @Incoming("solved")
    @RunOnVirtualThread
    public void consume(ConsumerRecord<String, byte[]> record) {
        gate.admit(MessageType.SOLVED, record, this::admitted);
    }

    private void admitted(Solved solved) {
        VerificationResult result = verifier.verify(solved);
        publisher.publish(result.topic(), result.message());
    }
}
