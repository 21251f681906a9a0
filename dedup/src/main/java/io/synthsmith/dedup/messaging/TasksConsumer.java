package io.synthsmith.dedup.messaging;

import io.smallrye.common.annotation.RunOnVirtualThread;
import io.synthsmith.dedup.stage.DedupStage;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messaging.inbound.InboundGate;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The pre-solve stage's input: the evolver's tasks (synthsmith.dedup.pre-solve.input-topic), each checked against
 * its contract by the {@link InboundGate} (what breaks it goes to the topic's dead-letter topic) and then screened
 * by the {@link DedupStage} before the solver sees it. The channel is off when synthsmith.dedup.pre-solve.enabled
 * is false.
 */
@ApplicationScoped
public class TasksConsumer {

    private final InboundGate gate;
    private final DedupStage stage;

    public TasksConsumer(InboundGate gate, DedupStage stage) {
        this.gate = gate;
        this.stage = stage;
    }

    @Incoming("tasks")
    @RunOnVirtualThread
    public void consume(ConsumerRecord<String, byte[]> record) {
        gate.admit(MessageType.TASK, record, stage::screen);
    }
}
