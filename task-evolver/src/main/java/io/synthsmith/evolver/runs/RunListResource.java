package io.synthsmith.evolver.runs;

import io.synthsmith.messages.RunConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** {@code GET /runs}: the runs with a stored configuration, and what a run never configured works under. */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunListResource {

    private final RunConfigStore runs;

    public RunListResource(RunConfigStore runs) {
        this.runs = runs;
    }

    /**
     * One configured run: {@code state} is {@code configured} ({@code defaults} for what every other run works under;
     * the task-evolver does not follow a run further: the exporter's {@code GET /runs} gives each run's exported
     * counts), when it was configured, and the counts it asks for per seed and per task.
     */
    public record RunSummary(String runId, String state, Instant configuredAt, int tasksPerSeed,
            int evolutionRounds, int candidatesPerTask, int testsPerTask) {

        static RunSummary of(RunConfig stored, String state) {
            RunConfig run = stored.withDefaults();
            return new RunSummary(run.runId(), state, stored.createdAt(), run.tasksPerSeed(),
                    run.evolutionRounds(), run.candidatesPerTask(), run.testsPerTask());
        }
    }

    /** The configured runs, by run id, and the defaults every other run works under. */
    public record RunList(List<RunSummary> runs, RunSummary defaults) {
    }

    @GET
    public RunList list() {
        return new RunList(runs.all().values().stream().map(run -> RunSummary.of(run, "configured")).toList(),
                RunSummary.of(RunConfig.defaults("(any other run)"), "defaults"));
    }
}
