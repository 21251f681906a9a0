package io.synthsmith.embedded.cli;

import io.synthsmith.messages.topics.Topic;
import java.util.List;

/**
 * The five services as {@code bin/synthsmith} runs them: the HTTP port the launcher gives each, the consumer
 * group its incoming channels use (from its {@code application.properties}; a test keeps the two in step), and
 * the topics whose lag tells how much work waits for it.
 */
public enum PipelineStage {
    TASK_EVOLVER("task-evolver", 8081, "synthsmith-task-evolver", List.of(Topic.SEEDS, Topic.GENERATION_REQUESTS)),
    SOLVER("solver", 8082, "synthsmith-solver", List.of(Topic.TASKS_UNIQUE)),
    VERIFIER("verifier", 8083, "synthsmith-verifier", List.of(Topic.SOLVED)),
    DEDUP("dedup", 8084, "synthsmith-dedup", List.of(Topic.TASKS, Topic.VERIFIED)),
    EXPORTER("exporter", 8085, "synthsmith-exporter", List.of(Topic.ACCEPTED));

    private final String service;
    private final int port;
    private final String groupId;
    private final List<Topic> inputs;

    PipelineStage(String service, int port, String groupId, List<Topic> inputs) {
        this.service = service;
        this.port = port;
        this.groupId = groupId;
        this.inputs = inputs;
    }

    /** The module and service name, for example {@code task-evolver}. */
    public String service() {
        return service;
    }

    /** The HTTP port the launcher starts the service on (metrics and health). */
    public int port() {
        return port;
    }

    /** The Kafka consumer group of the service's incoming channels. */
    public String groupId() {
        return groupId;
    }

    /** The topics the service works from, whose consumer lag is shown. */
    public List<Topic> inputs() {
        return inputs;
    }
}
