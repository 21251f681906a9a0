package io.synthsmith.exporter.runs;

import io.synthsmith.exporter.files.DatasetFiles;
import io.synthsmith.exporter.files.Manifest;
import io.synthsmith.exporter.report.RunReportPage;
import io.synthsmith.exporter.report.RunStatistics;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What has been exported per run: {@code GET /runs} (every run with files, its state and counts),
 * {@code GET /runs/{runId}/export} (rows in closed shards by split, style, difficulty, rejections, rows pending, and
 * the cost of the exported tasks) and {@code GET /runs/{runId}/report} (the run report, as {@code report.html}
 * beside the files). An unknown run is 404.
 */
@Path("/runs")
public class RunExportResource {

    private final DatasetFiles files;

    public RunExportResource(DatasetFiles files) {
        this.files = files;
    }

    /**
     * The export of one run, as this replica's dataset files hold it. {@code state} is {@code exporting} while
     * rows or rejections wait in open shards, else {@code written}. The cost fields cover the exported tasks whose
     * records carry a cost ({@code tasksWithCost}); per task figures are null when none does.
     */
    public record RunExport(String runId, String state, String directory, long sftRows, long rlRows,
            Map<String, Long> rlBySplit, Map<String, Long> tasksByStyle, Map<String, Long> tasksByDifficulty,
            Map<String, Long> rejections, int shards, Map<String, Long> pendingRows, long pendingRejections,
            Instant updatedAt, Cost cost) {
    }

    /** Tokens and sandbox CPU over the exported tasks of a run, in total and per exported task. */
    public record Cost(long tasksWithCost, long promptTokens, long completionTokens, long reasoningTokens,
            double sandboxCpuSeconds, Double tokensPerTask, Double sandboxCpuSecondsPerTask) {

        static Cost of(RunStatistics stats) {
            return new Cost(stats.tasksWithCost(), stats.promptTokens(), stats.completionTokens(),
                    stats.reasoningTokens(), stats.sandboxCpuSeconds(), stats.tokensPerTask(),
                    stats.sandboxCpuSecondsPerTask());
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<RunExport> list() {
        return files.runIds().stream().flatMap(id -> files.report(id).stream()).map(RunExportResource::export)
                .toList();
    }

    @GET
    @Path("/{runId}/export")
    @Produces(MediaType.APPLICATION_JSON)
    public RunExport export(@PathParam("runId") String runId) {
        return export(runReport(runId));
    }

    @GET
    @Path("/{runId}/report")
    @Produces(MediaType.TEXT_HTML)
    public String report(@PathParam("runId") String runId) {
        checkId(runId);
        Manifest manifest = files.manifest(runId).orElseThrow(() -> missing(runId));
        return RunReportPage.render(manifest);
    }

    private DatasetFiles.RunReport runReport(String runId) {
        checkId(runId);
        return files.report(runId).orElseThrow(() -> missing(runId));
    }

    private static void checkId(String runId) {
        if (!runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new NotFoundException("no run '" + runId + "': run ids are letters, digits and . _ - (up to 64)");
        }
    }

    private static NotFoundException missing(String runId) {
        return new NotFoundException("run " + runId + " has no exported files yet (or this replica does not write"
                + " files)");
    }

    private static RunExport export(DatasetFiles.RunReport report) {
        Manifest.Counts counts = report.files();
        boolean pending = report.pendingRejections() > 0
                || report.pendingRows().values().stream().anyMatch(n -> n > 0);
        return new RunExport(report.runId(), pending ? "exporting" : "written", report.directory().toString(),
                counts.sftRows(), counts.rlRows(), counts.rlBySplit(), counts.tasksByStyle(),
                counts.tasksByDifficulty(), counts.rejections(), report.shards(), report.pendingRows(),
                report.pendingRejections(), report.updatedAt(), Cost.of(report.statistics()));
    }
}
