package io.synthsmith.evolver.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.synthsmith.evolver.config.EvolverConfig;
import io.synthsmith.evolver.generation.AnsweredRequests;
import io.synthsmith.evolver.generation.GenerationOutcome;
import io.synthsmith.evolver.generation.TaskGeneration;
import io.synthsmith.messages.GenerationRequest;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messaging.inbound.InboundGate;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the internal generation-requests topic: each admitted request becomes a task (two-stage generation) or a
 * rejection, written before the record is done with. Every replica reads its share of the partitions, so
 * generation spreads over the replicas. At most {@code requests-in-flight} requests work at once. A request whose
 * outcome was written before ({@link AnsweredRequests}) is not generated again.
 */
@ApplicationScoped
public class GenerationRequestsConsumer {

    private final InboundGate gate;
    private final TaskGeneration generation;
    private final EvolverOutputs outputs;
    private final InFlightLimit inFlight;
    private final AnsweredRequests answered;
    private final Counter redelivered;

    public GenerationRequestsConsumer(InboundGate gate, TaskGeneration generation, EvolverOutputs outputs,
            AnsweredRequests answered, EvolverConfig config, MeterRegistry registry) {
        this.gate = gate;
        this.generation = generation;
        this.answered = answered;
        this.redelivered = Counter.builder("synthsmith.task-evolver.requests.redelivered")
                .description("Generation requests delivered again after their task or rejection was written;"
                        + " not generated again")
                .register(registry);
        this.outputs = outputs;
        this.inFlight = new InFlightLimit(config.requestsInFlight());
    }

    @Incoming("generation-requests")
    @RunOnVirtualThread
    public void consume(ConsumerRecord<String, byte[]> record) {
        gate.admit(MessageType.GENERATION_REQUEST, record,
                (GenerationRequest request) -> inFlight.run(() -> admitted(request)));
    }

    private void admitted(GenerationRequest request) {
        if (answered.answered(request.id())) {
            // Delivered again after its outcome was written (its offset was behind a slower request at a restart).
            redelivered.increment();
            return;
        }
        String outcome = switch (generation.generate(request)) {
            case GenerationOutcome.Generated generated -> {
                outputs.task(generated.task());
                yield generated.task().id();
            }
            case GenerationOutcome.Declined declined -> {
                outputs.reject(declined.rejection());
                yield declined.rejection().id();
            }
        };
        answered.markAnswered(request.id(), outcome);
    }
}
