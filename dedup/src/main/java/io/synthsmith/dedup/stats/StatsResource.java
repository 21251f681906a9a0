package io.synthsmith.dedup.stats;

import io.synthsmith.dedup.decision.Deduplicator;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /stats?runId=<run>}: what dedup decided for a run, over every replica. */
@Path("/stats")
public class StatsResource {

    private final RunStatistics statistics;
    private final Deduplicator deduplicator;

    public StatsResource(RunStatistics statistics, Deduplicator deduplicator) {
        this.statistics = statistics;
        this.deduplicator = deduplicator;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public RunStats stats(@QueryParam("runId") String runId) {
        if (runId == null || runId.isBlank()) {
            throw new BadRequestException("give the run as a query parameter: /stats?runId=<run id>");
        }
        return statistics.of(runId, deduplicator.namespace(runId), deduplicator.scope().wire());
    }
}
