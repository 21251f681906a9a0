package io.synthsmith.evolver.runs;

import io.synthsmith.evolver.diversity.Diversity;
import io.synthsmith.evolver.diversity.RunDiversity;
import io.synthsmith.messages.RunConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /runs}: the runs with a stored configuration, and what a run never configured works under. */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunListResource {

    private final RunConfigStore runs;
    private final RunDiversity diversity;

    public RunListResource(RunConfigStore runs, RunDiversity diversity) {
        this.runs = runs;
        this.diversity = diversity;
    }

    /**
     * One run: {@code state} is {@code configured}, or {@code defaults} for a run never configured that this replica
     * generated tasks for, and for what every other run works under (the task-evolver does not follow a run further:
     * the exporter's {@code GET /runs} gives each run's exported counts); when it was configured; the counts it asks
     * for per seed and per task; and the {@code diversity} of the tasks this replica generated for it since it
     * started (null when none).
     */
    public record RunSummary(String runId, String state, Instant configuredAt, int tasksPerSeed,
            int evolutionRounds, int candidatesPerTask, int testsPerTask, Diversity diversity) {

        static RunSummary of(RunConfig stored, String state, Diversity diversity) {
            RunConfig run = stored.withDefaults();
            return new RunSummary(run.runId(), state, stored.createdAt(), run.tasksPerSeed(),
                    run.evolutionRounds(), run.candidatesPerTask(), run.testsPerTask(), diversity);
        }
    }

    /** The configured runs, by run id, and the defaults every other run works under. */
    public record RunList(List<RunSummary> runs, RunSummary defaults) {
    }

    @GET
    public RunList list() {
        Map<String, RunConfig> configured = runs.all();
        Map<String, Diversity> generated = diversity.all();
        List<RunSummary> list = new ArrayList<>();
        configured.values().forEach(run -> list.add(RunSummary.of(run, "configured", generated.get(run.runId()))));
        generated.forEach((runId, seen) -> {
            if (!configured.containsKey(runId)) {
                list.add(RunSummary.of(RunConfig.defaults(runId), "defaults", seen));
            }
        });
        return new RunList(list, RunSummary.of(RunConfig.defaults("(any other run)"), "defaults", null));
    }
}
