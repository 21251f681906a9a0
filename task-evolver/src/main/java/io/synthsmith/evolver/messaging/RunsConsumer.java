package io.synthsmith.evolver.messaging;

import io.smallrye.common.annotation.RunOnVirtualThread;
import io.synthsmith.evolver.runs.RunConfigStore;
import io.synthsmith.messages.RunConfig;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messaging.inbound.InboundGate;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads the runs topic (compacted): each run configuration is stored in Infinispan for every replica to read. */
@ApplicationScoped
public class RunsConsumer {

    private final InboundGate gate;
    private final RunConfigStore runs;

    public RunsConsumer(InboundGate gate, RunConfigStore runs) {
        this.gate = gate;
        this.runs = runs;
    }

    @Incoming("runs")
    @RunOnVirtualThread
    public void consume(ConsumerRecord<String, byte[]> record) {
        gate.admit(MessageType.RUN, record, (RunConfig run) -> runs.put(run));
    }
}
