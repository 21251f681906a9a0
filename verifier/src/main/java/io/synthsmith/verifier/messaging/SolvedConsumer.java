package io.synthsmith.verifier.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.synthsmith.messages.Solved;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messaging.inbound.InboundGate;
import io.synthsmith.messaging.outbound.OutboundPublisher;
import io.synthsmith.verifier.config.VerifierConfig;
import io.synthsmith.verifier.verification.TaskVerifier;
import io.synthsmith.verifier.verification.VerificationResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the solved topic: each record is checked against its contract by the {@link InboundGate}, which sends
 * what breaks it to the dead-letter topic; an admitted task is verified and its verified or rejected message is
 * written before the record is done with. Records run on virtual threads; {@link TaskVerifier} bounds how many are
 * verified at once. A task the sandbox cannot run waits and is verified again ({@link SandboxWait}), then is
 * dead-lettered as SANDBOX_UNAVAILABLE; it is never rejected for it.
 */
@ApplicationScoped
public class SolvedConsumer {

    private final InboundGate gate;
    private final TaskVerifier verifier;
    private final OutboundPublisher publisher;
    private final SandboxWait sandboxWait;

    public SolvedConsumer(InboundGate gate, TaskVerifier verifier, OutboundPublisher publisher,
            VerifierConfig config, MeterRegistry registry) {
        this.gate = gate;
        this.verifier = verifier;
        this.publisher = publisher;
        VerifierConfig.Unavailable unavailable = config.sandbox().unavailable();
        Counter retries = Counter.builder("synthsmith.verifier.sandbox.unavailable.retries")
                .description("Tasks verified again because the sandbox failed their runs after the runs' retries")
                .register(registry);
        this.sandboxWait = new SandboxWait(unavailable.timeout(), unavailable.firstBackoff(),
                unavailable.maxBackoff(), Clock.systemUTC(), retries::increment);
    }

    @Incoming("solved")
    @RunOnVirtualThread
    public void consume(ConsumerRecord<String, byte[]> record) {
        gate.admit(MessageType.SOLVED, record, this::admitted);
    }

    private void admitted(Solved solved) {
        VerificationResult result = sandboxWait.call("task " + solved.id(), () -> verifier.verify(solved));
        publisher.publish(result.topic(), result.message());
    }
}
