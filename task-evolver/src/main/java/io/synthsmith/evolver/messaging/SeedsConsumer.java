package io.synthsmith.evolver.messaging;

import io.smallrye.common.annotation.RunOnVirtualThread;
import io.synthsmith.evolver.config.EvolverConfig;
import io.synthsmith.evolver.runs.RunConfigStore;
import io.synthsmith.evolver.seeds.SeedIntake;
import io.synthsmith.evolver.seeds.SeedOutcome;
import io.synthsmith.messages.GenerationRequest;
import io.synthsmith.messages.Seed;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messaging.inbound.InboundGate;
import io.synthsmith.messaging.outbound.OutboundPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the seeds topic: each record is checked against its contract by the {@link InboundGate}, which sends
 * what breaks it (or whose processing fails, an unreachable LLM included) to the dead-letter topic. An admitted
 * seed is merged into its run's feature tree by {@link SeedIntake}; its generation requests, or its rejection, are
 * written before the record is done with. Records run on virtual threads; at most {@code seeds-in-flight} of them
 * work at once, the others wait for a permit (a parked virtual thread costs no carrier).
 */
@ApplicationScoped
public class SeedsConsumer {

    private final InboundGate gate;
    private final SeedIntake intake;
    private final RunConfigStore runs;
    private final OutboundPublisher outbound;
    private final EvolverOutputs outputs;
    private final InFlightLimit inFlight;

    public SeedsConsumer(InboundGate gate, SeedIntake intake, RunConfigStore runs, OutboundPublisher outbound,
            EvolverOutputs outputs, EvolverConfig config) {
        this.gate = gate;
        this.intake = intake;
        this.runs = runs;
        this.outbound = outbound;
        this.outputs = outputs;
        this.inFlight = new InFlightLimit(config.seedsInFlight());
    }

    @Incoming("seeds")
    @RunOnVirtualThread
    public void consume(ConsumerRecord<String, byte[]> record) {
        gate.admit(MessageType.SEED, record, (Seed seed) -> inFlight.run(() -> admitted(seed)));
    }

    private void admitted(Seed seed) {
        switch (intake.take(seed, runs.resolve(seed.runId()))) {
            case SeedOutcome.Merged merged -> {
                for (GenerationRequest request : merged.requests()) {
                    outbound.publish(Topic.GENERATION_REQUESTS, request);
                }
            }
            case SeedOutcome.Declined declined -> outputs.reject(declined.rejection());
        }
    }
}
