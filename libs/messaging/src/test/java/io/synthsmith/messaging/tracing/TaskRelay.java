package io.synthsmith.messaging.tracing;

import io.smallrye.common.annotation.RunOnVirtualThread;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messaging.inbound.InboundGate;
import io.synthsmith.messaging.outbound.OutboundPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * A stand-in stage wired as the services wire theirs (an {@code @Incoming} method on virtual threads, the
 * {@link InboundGate}, the {@link OutboundPublisher}): it passes each task it admits on to the solved topic, and
 * fails on tasks whose id starts with {@code fail-}. It remembers the trace id its log lines carried, per task.
 */
@ApplicationScoped
public class TaskRelay {

    private static final Logger LOG = Logger.getLogger(TaskRelay.class);

    private final InboundGate gate;
    private final OutboundPublisher publisher;
    private final Map<String, String> loggedTraceIds = new ConcurrentHashMap<>();

    public TaskRelay(InboundGate gate, OutboundPublisher publisher) {
        this.gate = gate;
        this.publisher = publisher;
    }

    @Incoming("tasks")
    @RunOnVirtualThread
    public void consume(ConsumerRecord<String, byte[]> record) {
        gate.admit(MessageType.TASK, record, this::relay);
    }

    private void relay(Task task) {
        Object traceId = MDC.get("traceId");
        loggedTraceIds.put(task.id(), traceId == null ? "" : traceId.toString());
        LOG.infof("relaying %s", task.id());
        if (task.id().startsWith("fail-")) {
            throw new IllegalStateException("task " + task.id() + " is meant to fail");
        }
        publisher.publish(Topic.SOLVED, task);
    }

    /** The MDC trace id (what %X{traceId} prints) while the task was processed; empty when there was none. */
    public String loggedTraceId(String taskId) {
        return loggedTraceIds.get(taskId);
    }
}
