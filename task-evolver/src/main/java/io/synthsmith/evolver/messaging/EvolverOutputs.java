package io.synthsmith.evolver.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messaging.outbound.OutboundPublisher;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes the evolver's tasks and rejections, and counts them (tasks by style, rejections by reason). */
@ApplicationScoped
public class EvolverOutputs {

    private final OutboundPublisher outbound;
    private final MeterRegistry registry;

    public EvolverOutputs(OutboundPublisher outbound, MeterRegistry registry) {
        this.outbound = outbound;
        this.registry = registry;
    }

    public void task(Task task) {
        outbound.publish(Topic.TASKS, task);
        Counter.builder("synthsmith.task-evolver.tasks").description("Tasks written, by style")
                .tag("style", task.style().wire()).register(registry).increment();
    }

    public void reject(Rejected rejection) {
        outbound.publish(Topic.REJECTED, rejection);
        Counter.builder("synthsmith.task-evolver.rejections").description("Seeds and requests rejected, by reason")
                .tag("reason", rejection.reason().wire()).register(registry).increment();
    }
}
