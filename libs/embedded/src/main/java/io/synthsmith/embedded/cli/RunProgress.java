package io.synthsmith.embedded.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthsmith.messages.topics.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far the launcher's current (or last) run is, from the counters' growth since the run began.
 *
 * <p>{@code bin/synthsmith run} writes {@code <state dir>/run.json}: the seeds file, how many seeds it holds
 * ({@code expected}), when it began, its {@code outcome} ({@code starting} while the launcher brings the pipeline
 * up, {@code running} until it ends, then {@code settled}, {@code quiet}, {@code stalled} or {@code timeout}; or
 * {@code failed} when the pipeline did not come up or the seeds could not be loaded), the directory of the metrics it snapshotted just before loading the seeds
 * ({@code baseline}, one file per service), and the services' process ids (a restarted service starts its
 * counters again, so its growth since the baseline would mean nothing).
 *
 * <p>Each merged (or redelivered) seed makes a generation request per task; every stage turns each record it
 * finishes into at most one record for the next stage (or a rejection, or a dead letter), so the work still in
 * flight is the sum of what each stage has not yet finished of what its predecessor wrote. A seed has ended when
 * it was rejected or dead-lettered at intake, or when it was merged and none of its requests is in flight; as the
 * counters do not say which seed a record came from, {@code seedsEnded} counts the merged seeds that <em>must</em>
 * have ended (each record in flight keeps at most one seed open), so it is exact once nothing is in flight and a
 * lower bound before. {@code work} shows the finer progress: each seed that ended at intake counts whole, the merged ones
 * together as the share of their requests that ended (every merged seed makes the same number of requests).
 *
 * @param file the seeds file of the run
 * @param runId the run id given with {@code --run}, or null
 * @param outcome {@code starting}, {@code running}, {@code settled}, {@code quiet}, {@code stalled},
 *     {@code timeout} or {@code failed}
 * @param startedAt when the run began (epoch seconds)
 * @param elapsedSeconds seconds since it began, or until it ended
 * @param expected the seeds it loaded
 * @param problem why the counts are missing (services restarted, no baseline), or null when they are there
 * @param seedsTaken seeds the task-evolver finished with (merged, rejected or dead-lettered)
 * @param seedsEnded seeds known to have ended (see above)
 * @param requests generation requests made (one per task to make)
 * @param requestsEnded requests whose work ended: rejected, dead-lettered or exported at some stage
 * @param inFlight records written by one stage and not yet finished by the next
 * @param work the share of the run's work done, from 0 to 1, in seeds (see above)
 */
public record RunProgress(String file, String runId, String outcome, long startedAt, long elapsedSeconds,
        long expected, String problem, Long seedsTaken, Long seedsEnded, Long requests, Long requestsEnded,
        Long inFlight, Double work) {

    /** The outcome of a run whose pipeline is still being brought up: no baseline, no seeds loaded yet. */
    static final String STARTING = "starting";

    /** The launcher's record of a run, as {@code run.json} holds it. */
    public record RunFile(String file, String runId, String outcome, long startedAt, Long endedAt, long expected,
            Path baseline, Map<String, Long> pids) {

        /** Reads {@code run.json}; throws naming the file and what is wrong with it. */
        public static RunFile read(Path path) throws IOException {
            JsonNode node = new ObjectMapper().readTree(path.toFile());
            if (node == null || !node.has("expected") || !node.has("startedAt") || !node.has("baseline")) {
                throw new IOException(path + " is not a run file: it needs expected, startedAt and baseline");
            }
            Map<String, Long> pids = new LinkedHashMap<>();
            node.path("pids").properties().forEach(e -> pids.put(e.getKey(), e.getValue().asLong()));
            return new RunFile(node.path("file").asText(""), text(node, "runId"),
                    node.path("outcome").asText("running"), node.path("startedAt").asLong(),
                    node.hasNonNull("endedAt") ? node.path("endedAt").asLong() : null, node.path("expected").asLong(),
                    Path.of(node.path("baseline").asText()), pids);
        }

        private static String text(JsonNode node, String field) {
            String value = node.path(field).asText("");
            return value.isEmpty() ? null : value;
        }

        /** The baseline metrics of a service; none when it did not answer then (it had counted nothing). */
        PrometheusText baselineOf(PipelineStage stage) throws IOException {
            Path file = baseline.resolve(stage.service());
            return Files.isRegularFile(file) ? PrometheusText.parse(Files.readString(file)) : PrometheusText.empty();
        }
    }

    /** The run's progress, given each service's current metrics (null for a service that did not answer). */
    public static RunProgress measure(RunFile run, Map<PipelineStage, PrometheusText> now, Map<String, Long> pids,
            String prefix, long nowEpochSeconds) {
        long elapsed = (run.endedAt() != null ? run.endedAt() : nowEpochSeconds) - run.startedAt();
        if (STARTING.equals(run.outcome())) {
            return unavailable(run, elapsed, "the pipeline is starting; the seeds are loaded once every service is"
                    + " ready");
        }
        for (PipelineStage stage : PipelineStage.values()) {
            Long then = run.pids().get(stage.service());
            Long current = pids.get(stage.service());
            if (then != null && current == null) {
                return unavailable(run, elapsed, stage.service() + " has stopped since the run began, and its"
                        + " counters with it");
            }
            if (then != null && !then.equals(current)) {
                return unavailable(run, elapsed, stage.service() + " was restarted since the run began, so its"
                        + " counters no longer count from the run's start");
            }
            if (now.get(stage) == null) {
                return unavailable(run, elapsed, stage.service() + " gave no metrics");
            }
        }
        Map<PipelineStage, ServiceCounters> current = new LinkedHashMap<>();
        Map<PipelineStage, ServiceCounters> base = new LinkedHashMap<>();
        for (PipelineStage stage : PipelineStage.values()) {
            current.put(stage, new ServiceCounters(now.get(stage), prefix));
            try {
                base.put(stage, new ServiceCounters(run.baselineOf(stage), prefix));
            } catch (IOException | IllegalArgumentException e) {
                return unavailable(run, elapsed, "the run's baseline of " + stage.service() + " cannot be read: "
                        + e.getMessage());
            }
        }
        Growth growth = new Growth(current, base);
        long taken = growth.inbound(PipelineStage.TASK_EVOLVER, Topic.SEEDS, null);
        long endedAtIntake = growth.inbound(PipelineStage.TASK_EVOLVER, Topic.SEEDS, "dead_lettered")
                + growth.evolverSeeds("rejected");
        // a redelivered seed (one the tree already holds) writes its requests again, as a merged one does
        long merged = growth.evolverSeeds("merged") + growth.evolverSeeds("redelivered");
        long requests = growth.outbound(PipelineStage.TASK_EVOLVER, Topic.GENERATION_REQUESTS);
        long inFlight =
                growth.waiting(PipelineStage.TASK_EVOLVER, Topic.GENERATION_REQUESTS, PipelineStage.TASK_EVOLVER)
                + growth.tasksWaiting()
                + growth.waiting(PipelineStage.SOLVER, Topic.SOLVED, PipelineStage.VERIFIER)
                + growth.waiting(PipelineStage.VERIFIER, Topic.VERIFIED, PipelineStage.DEDUP)
                + growth.waiting(PipelineStage.DEDUP, Topic.ACCEPTED, PipelineStage.EXPORTER);
        long requestsEnded = Math.max(0, requests - inFlight);
        boolean allEnded = inFlight == 0 && taken >= run.expected();
        long ended = allEnded ? run.expected() : Math.min(taken, endedAtIntake + Math.max(0, merged - inFlight));
        double work = allEnded || run.expected() == 0 ? 1.0
                : (endedAtIntake + (requests == 0 ? 0.0 : (double) merged * requestsEnded / requests)) / run.expected();
        return new RunProgress(run.file(), run.runId(), run.outcome(), run.startedAt(), elapsed, run.expected(), null,
                taken, Math.min(ended, run.expected()), requests, requestsEnded, inFlight,
                Math.max(0, Math.min(1, work)));
    }

    private static RunProgress unavailable(RunFile run, long elapsed, String problem) {
        return new RunProgress(run.file(), run.runId(), run.outcome(), run.startedAt(), elapsed, run.expected(),
                problem, null, null, null, null, null, null);
    }

    /** Counter growth since the baseline, per service. */
    private record Growth(Map<PipelineStage, ServiceCounters> now, Map<PipelineStage, ServiceCounters> base) {

        long inbound(PipelineStage stage, Topic topic, String outcome) {
            return now.get(stage).inbound(topic, outcome) - base.get(stage).inbound(topic, outcome);
        }

        long outbound(PipelineStage stage, Topic topic) {
            return now.get(stage).outbound(topic) - base.get(stage).outbound(topic);
        }

        long evolverSeeds(String outcome) {
            return now.get(PipelineStage.TASK_EVOLVER).evolverSeeds(outcome)
                    - base.get(PipelineStage.TASK_EVOLVER).evolverSeeds(outcome);
        }

        /** What {@code writer} wrote to {@code topic} and {@code reader} has not yet finished with. */
        long waiting(PipelineStage writer, Topic topic, PipelineStage reader) {
            return Math.max(0, outbound(writer, topic) - inbound(reader, topic, null));
        }

        /**
         * Tasks not yet taken by the solver: through dedup's pre-solve stage (the evolver's tasks it has not
         * checked, and those it forwarded that the solver has not taken; those it rejected have ended), or, when the
         * solver reads the evolver's topic itself (the pre-solve stage off), straight from the evolver.
         */
        long tasksWaiting() {
            if (inbound(PipelineStage.SOLVER, Topic.TASKS, null) > 0) {
                return waiting(PipelineStage.TASK_EVOLVER, Topic.TASKS, PipelineStage.SOLVER);
            }
            return waiting(PipelineStage.TASK_EVOLVER, Topic.TASKS, PipelineStage.DEDUP)
                    + waiting(PipelineStage.DEDUP, Topic.TASKS_UNIQUE, PipelineStage.SOLVER);
        }
    }
}
