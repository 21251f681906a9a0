package io.synthsmith.embedded.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's progress from the counters' growth since the baseline the launcher snapshotted, read from files. */
class RunProgressTest {

    private static final Map<String, Long> PIDS = Map.of("task-evolver", 11L, "solver", 12L, "verifier", 13L,
            "dedup", 14L, "exporter", 15L);

    @TempDir
    Path dir;

    private Path runFile;

    /** The services had already done a first run of 6 seeds (24 requests) when this run of 6 began. */
    @BeforeEach
    void baseline() throws Exception {
        Path base = Files.createDirectories(dir.resolve("metrics/base"));
        Files.writeString(base.resolve("task-evolver"), evolver(6, 0, 6, 0, 24, 24, 24));
        Files.writeString(base.resolve("solver"), stage("tasks.unique", 24, "solved", 24));
        Files.writeString(base.resolve("verifier"), stage("solved", 24, "verified", 24));
        Files.writeString(base.resolve("dedup"), dedup(24, 24, 24, 7));
        Files.writeString(base.resolve("exporter"), stage("accepted", 7, "export.sft", 0));
        runFile = dir.resolve("run.json");
        Files.writeString(runFile, """
                {"file":"examples/seeds.jsonl","runId":"","expected":6,"startedAt":1000,"endedAt":null,
                 "outcome":"running","baseline":"%s",
                 "pids":{"task-evolver":11,"solver":12,"verifier":13,"dedup":14,"exporter":15}}
                """.formatted(base));
    }

    @Test
    void countsWorkInFlightBetweenStagesAndTheSeedsThatMustHaveEnded() throws Exception {
        Map<PipelineStage, PrometheusText> now = new EnumMap<>(PipelineStage.class);
        // this run: 6 seeds taken (5 merged, 1 rejected), 20 requests of which the evolver finished 18 (17 tasks)
        now.put(PipelineStage.TASK_EVOLVER, PrometheusText.parse(evolver(12, 0, 11, 1, 44, 42, 41)));
        now.put(PipelineStage.SOLVER, PrometheusText.parse(stage("tasks.unique", 39, "solved", 39)));
        now.put(PipelineStage.VERIFIER, PrometheusText.parse(stage("solved", 36, "verified", 36)));
        now.put(PipelineStage.DEDUP, PrometheusText.parse(dedup(39, 39, 36, 12)));
        now.put(PipelineStage.EXPORTER, PrometheusText.parse(stage("accepted", 11, "export.sft", 0)));

        RunProgress progress = RunProgress.measure(RunProgress.RunFile.read(runFile), now, PIDS, "synthsmith.",
                1090);

        assertThat(progress.problem()).isNull();
        assertThat(progress.elapsedSeconds()).isEqualTo(90);
        assertThat(progress.seedsTaken()).isEqualTo(6);
        assertThat(progress.requests()).isEqualTo(20);
        // waiting: 2 requests, 2 tasks, 3 solved, 0 verified, 1 accepted
        assertThat(progress.inFlight()).isEqualTo(8);
        assertThat(progress.requestsEnded()).isEqualTo(12);
        // the rejected seed; 8 records in flight may keep all 5 merged seeds open
        assertThat(progress.seedsEnded()).isEqualTo(1);
        // the rejected seed, and the 5 merged ones 12/20 done
        assertThat(progress.work()).isCloseTo(4.0 / 6, within(1e-9));
        assertThat(StatusText.progress(progress, true))
                .isEqualTo("seeds ended 1/6 [#####===============----------] work 66%, seeds taken 6/6,"
                        + " requests ended 12/20, in flight 8");
    }

    @Test
    void everySeedHasEndedWhenNothingIsInFlight() throws Exception {
        Map<PipelineStage, PrometheusText> now = new EnumMap<>(PipelineStage.class);
        now.put(PipelineStage.TASK_EVOLVER, PrometheusText.parse(evolver(11, 1, 11, 0, 44, 44, 44)));
        // 3 of this run's tasks were rejected as copies before solving: they have ended, not waiting for the solver
        now.put(PipelineStage.SOLVER, PrometheusText.parse(stage("tasks.unique", 41, "solved", 41)));
        now.put(PipelineStage.VERIFIER, PrometheusText.parse(stage("solved", 41, "verified", 40)));
        now.put(PipelineStage.DEDUP, PrometheusText.parse(dedup(44, 41, 40, 9)));
        now.put(PipelineStage.EXPORTER, PrometheusText.parse(stage("accepted", 9, "export.sft", 0)));

        RunProgress progress = RunProgress.measure(RunProgress.RunFile.read(runFile), now, PIDS, "synthsmith.",
                1100);

        assertThat(progress.inFlight()).isZero();
        assertThat(progress.requestsEnded()).isEqualTo(20);
        assertThat(progress.seedsEnded()).isEqualTo(6);
        assertThat(StatusText.progress(progress, false)).startsWith("seeds ended 6/6 (work 100%)");
    }

    @Test
    void withDedupBeforeSolvingOffTheSolverReadsTheEvolversTasks() throws Exception {
        Map<PipelineStage, PrometheusText> now = new EnumMap<>(PipelineStage.class);
        // SYNTHSMITH_DEDUP_PRE_SOLVE_ENABLED=false: the solver took 15 of the evolver's 17 new tasks itself
        now.put(PipelineStage.TASK_EVOLVER, PrometheusText.parse(evolver(12, 0, 11, 1, 44, 42, 41)));
        now.put(PipelineStage.SOLVER, PrometheusText.parse(stage("tasks.unique", 24, "solved", 39)
                + "synthsmith_inbound_records_total{kind=\"none\",outcome=\"processed\",topic=\"synthsmith.tasks\"} 15.0\n"));
        now.put(PipelineStage.VERIFIER, PrometheusText.parse(stage("solved", 39, "verified", 39)));
        now.put(PipelineStage.DEDUP, PrometheusText.parse(dedup(24, 24, 39, 12)));
        now.put(PipelineStage.EXPORTER, PrometheusText.parse(stage("accepted", 12, "export.sft", 0)));

        RunProgress progress = RunProgress.measure(RunProgress.RunFile.read(runFile), now, PIDS, "synthsmith.",
                1090);

        // waiting: 2 requests, 2 tasks for the solver
        assertThat(progress.inFlight()).isEqualTo(4);
    }

    @Test
    void redeliveredSeedsCountAsSeedsWithWork() throws Exception {
        Map<PipelineStage, PrometheusText> now = new EnumMap<>(PipelineStage.class);
        // the tree already held all 6 seeds: redelivered, each writing its 4 requests again; 2 tasks wait for the solver
        now.put(PipelineStage.TASK_EVOLVER, PrometheusText.parse(evolver(12, 0, 6, 0, 48, 48, 48)
                + "synthsmith_task_evolver_seeds_total{kind=\"code\",outcome=\"redelivered\"} 6.0\n"));
        now.put(PipelineStage.SOLVER, PrometheusText.parse(stage("tasks.unique", 46, "solved", 46)));
        now.put(PipelineStage.VERIFIER, PrometheusText.parse(stage("solved", 46, "verified", 46)));
        now.put(PipelineStage.DEDUP, PrometheusText.parse(dedup(48, 48, 46, 7)));
        now.put(PipelineStage.EXPORTER, PrometheusText.parse(stage("accepted", 7, "export.sft", 0)));

        RunProgress progress = RunProgress.measure(RunProgress.RunFile.read(runFile), now, PIDS, "synthsmith.",
                1100);

        assertThat(progress.inFlight()).isEqualTo(2);
        assertThat(progress.requestsEnded()).isEqualTo(22);
        assertThat(progress.seedsEnded()).isEqualTo(4);
        assertThat(progress.work()).isCloseTo(22.0 / 24, within(1e-9));
    }

    @Test
    void aRunWhosePipelineIsStartingSaysSoRatherThanMissingMetrics() throws Exception {
        Files.writeString(runFile, Files.readString(runFile).replace("\"running\"", "\"starting\""));
        Map<PipelineStage, PrometheusText> now = new EnumMap<>(PipelineStage.class);

        RunProgress progress = RunProgress.measure(RunProgress.RunFile.read(runFile), now, Map.of(), "synthsmith.",
                1010);

        assertThat(progress.outcome()).isEqualTo("starting");
        assertThat(StatusText.progress(progress, false)).isEqualTo("progress n/a: the pipeline is starting; the"
                + " seeds are loaded once every service is ready");
    }

    @Test
    void aRestartedServiceMakesTheProgressUnavailable() throws Exception {
        Map<PipelineStage, PrometheusText> now = new EnumMap<>(PipelineStage.class);
        for (PipelineStage stage : PipelineStage.values()) {
            now.put(stage, PrometheusText.empty());
        }
        Map<String, Long> restarted = new java.util.HashMap<>(PIDS);
        restarted.put("verifier", 99L);

        RunProgress progress = RunProgress.measure(RunProgress.RunFile.read(runFile), now, restarted,
                "synthsmith.", 1100);

        assertThat(progress.problem()).startsWith("verifier was restarted since the run began");
        assertThat(progress.seedsEnded()).isNull();
        assertThat(StatusText.progress(progress, true)).startsWith("progress n/a: verifier was restarted");
    }

    private static String evolver(long seedsProcessed, long seedsDeadLettered, long merged, long rejected,
            long requestsOut, long requestsIn, long tasks) {
        return """
                synthsmith_inbound_records_total{kind="none",outcome="processed",topic="synthsmith.seeds"} %d.0
                synthsmith_inbound_records_total{kind="NOT_JSON",outcome="dead_lettered",topic="synthsmith.seeds"} %d.0
                synthsmith_task_evolver_seeds_total{kind="code",outcome="merged"} %d.0
                synthsmith_task_evolver_seeds_total{kind="code",outcome="rejected"} %d.0
                synthsmith_outbound_records_total{topic="synthsmith.generation.requests"} %d.0
                synthsmith_inbound_records_total{kind="none",outcome="processed",topic="synthsmith.generation.requests"} %d.0
                synthsmith_outbound_records_total{topic="synthsmith.tasks"} %d.0
                """.formatted(seedsProcessed, seedsDeadLettered, merged, rejected, requestsOut, requestsIn, tasks);
    }

    /** Dedup's two stages: the evolver's tasks checked and forwarded before solving, verified ones decided after. */
    private static String dedup(long tasksChecked, long forwarded, long verifiedDecided, long accepted) {
        return stage("tasks", tasksChecked, "tasks.unique", forwarded) + stage("verified", verifiedDecided, "accepted",
                accepted);
    }

    private static String stage(String input, long consumed, String output, long produced) {
        return """
                synthsmith_inbound_records_total{kind="none",outcome="processed",topic="synthsmith.%s"} %d.0
                synthsmith_outbound_records_total{topic="synthsmith.%s"} %d.0
                """.formatted(input, consumed, output, produced);
    }
}
