package io.synthsmith.embedded.cli;

import java.util.List;
import java.util.Map;

/**
 * What {@code bin/synthsmith status} shows, and the shape of {@code status --json}. Counts are the services'
 * counters since each started; a value that could not be read (service or broker down) is null.
 *
 * @param time when it was taken (ISO-8601, UTC)
 * @param kafka the broker the lag was read from
 * @param stages the five services in pipeline order
 * @param run the launcher's current or last run, or null when there is none
 * @param exports the runs the exporter has files for (its {@code GET /runs}), or null when it did not answer
 */
public record StatusReport(String time, Kafka kafka, List<Stage> stages, RunProgress run, List<RunExport> exports) {

    /**
     * A run as the exporter's files hold it, with the cost of its exported tasks.
     *
     * @param runId the run
     * @param state {@code exporting} while rows wait in open shards, else {@code written}
     * @param exportedTasks RL rows in closed shards (one per exported task)
     * @param tasksWithCost exported tasks whose records carry a cost
     * @param tokensPerTask prompt and completion tokens per such task, or null when none carries a cost
     * @param sandboxCpuSecondsPerTask sandbox CPU seconds per such task, or null
     * @param promptTokens run total over those tasks
     * @param completionTokens run total
     * @param reasoningTokens run total, where the endpoint reported reasoning tokens
     * @param sandboxCpuSeconds run total
     */
    public record RunExport(String runId, String state, long exportedTasks, long tasksWithCost, Double tokensPerTask,
            Double sandboxCpuSecondsPerTask, long promptTokens, long completionTokens, long reasoningTokens,
            double sandboxCpuSeconds) {
    }

    /**
     * @param bootstrap the address asked
     * @param state {@code up}, {@code down} (refuses connections) or {@code unresponsive} (no offsets in time)
     * @param problem what went wrong, or null
     */
    public record Kafka(String bootstrap, String state, String problem) {
    }

    /**
     * One service.
     *
     * @param stage the service name
     * @param port its HTTP port
     * @param state {@code ready}; {@code starting} (its process runs, its readiness check fails or it does not
     *     listen yet); {@code unresponsive} (it listens but did not answer within the timeout: stuck or starved);
     *     {@code down} (nothing listens and the launcher runs no such process)
     * @param consumed records it finished with over its input topics (processed or dead-lettered)
     * @param consumedByTopic the same by topic base name
     * @param produced messages written to its output topics, {@code rejected} left out
     * @param producedByTopic the same by topic base name (the exporter: committed export records)
     * @param rejected rejections written
     * @param rejectedByReason the same by reason
     * @param deadLettered records sent to its dead-letter topics
     * @param group its Kafka consumer group
     * @param lag by input topic base name: records on the topic beyond the group's committed offsets
     * @param problem what could not be read, or null
     */
    public record Stage(String stage, int port, String state, Long consumed, Map<String, Long> consumedByTopic,
            Long produced, Map<String, Long> producedByTopic, Long rejected, Map<String, Long> rejectedByReason,
            Long deadLettered, String group, Map<String, Long> lag, String problem) {
    }
}
