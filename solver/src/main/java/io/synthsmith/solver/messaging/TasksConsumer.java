package io.synthsmith.solver.messaging;

import io.smallrye.common.annotation.RunOnVirtualThread;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messaging.inbound.InboundGate;
import io.synthsmith.messaging.outbound.OutboundPublisher;
import io.synthsmith.solver.solving.SolveOutcome;
import io.synthsmith.solver.solving.SolverMetrics;
import io.synthsmith.solver.solving.TaskSolver;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the tasks topic: each record is checked against its contract by the {@link InboundGate}, which sends what
 * breaks it to the dead-letter topic; a task is solved and its outcome written to the solved or rejected topic
 * before the method returns, so the record's offset is committed only after its output is written. Records run
 * on virtual threads, many at once and acknowledged out of order, so a slow task never holds its partition; how
 * many at once is bounded in application.properties ({@code synthsmith.solver.max-in-flight-tasks}).
 */
@ApplicationScoped
public class TasksConsumer {

    private final InboundGate gate;
    private final TaskSolver solver;
    private final OutboundPublisher publisher;
    private final SolverMetrics metrics;

    public TasksConsumer(InboundGate gate, TaskSolver solver, OutboundPublisher publisher, SolverMetrics metrics) {
        this.gate = gate;
        this.solver = solver;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @Incoming("tasks")
    @RunOnVirtualThread
    public void consume(ConsumerRecord<String, byte[]> record) {
        gate.admit(MessageType.TASK, record, this::solve);
    }

    private void solve(Task task) {
        SolveOutcome outcome = solver.solve(task);
        switch (outcome) {
            case SolveOutcome.Solved solved -> publisher.publish(Topic.SOLVED, solved.message());
            case SolveOutcome.Rejection rejection -> publisher.publish(Topic.REJECTED, rejection.message());
        }
        metrics.taskOut(outcome);
    }
}
