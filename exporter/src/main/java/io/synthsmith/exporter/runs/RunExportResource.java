package io.synthsmith.exporter.runs;

import io.synthsmith.exporter.files.DatasetFiles;
import io.synthsmith.exporter.files.Manifest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;

/** What has been exported for a run: rows in closed shards by split, style, difficulty, rejections, and rows pending. */
@Path("/runs/{runId}/export")
public class RunExportResource {

    private final DatasetFiles files;

    public RunExportResource(DatasetFiles files) {
        this.files = files;
    }

    /** The export of one run, as this replica's dataset files hold it. */
    public record RunExport(String runId, String directory, long sftRows, long rlRows, Map<String, Long> rlBySplit,
            Map<String, Long> tasksByStyle, Map<String, Long> tasksByDifficulty, Map<String, Long> rejections,
            int shards, Map<String, Long> pendingRows, long pendingRejections, Instant updatedAt) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public RunExport export(@PathParam("runId") String runId) {
        if (!runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new NotFoundException("no run '" + runId + "': run ids are letters, digits and . _ - (up to 64)");
        }
        DatasetFiles.RunReport report = files.report(runId).orElseThrow(() -> new NotFoundException(
                "run " + runId + " has no exported files yet (or this replica does not write files)"));
        Manifest.Counts counts = report.files();
        return new RunExport(report.runId(), report.directory().toString(), counts.sftRows(), counts.rlRows(),
                counts.rlBySplit(), counts.tasksByStyle(), counts.tasksByDifficulty(), counts.rejections(),
                report.shards(), report.pendingRows(), report.pendingRejections(), report.updatedAt());
    }
}
