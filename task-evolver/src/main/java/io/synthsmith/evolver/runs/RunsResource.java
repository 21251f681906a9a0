package io.synthsmith.evolver.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthsmith.evolver.generation.TaskGeneration;
import io.synthsmith.messages.GenerationRequest;
import io.synthsmith.messages.Lineage;
import io.synthsmith.messages.RunConfig;
import io.synthsmith.messages.codec.ContractViolation;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.ids.Ids;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messaging.access.RequiresToken;
import io.synthsmith.messaging.outbound.OutboundPublisher;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Run configurations ({@code PUT} and {@code GET /runs/{runId}}, 404 for a run never configured) and on-demand
 * generation ({@code POST /runs/{runId}/generate}). {@link RunListResource} lists the runs.
 */
@Path("/runs/{runId}")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    /** Most requests one call may ask for. */
    static final int MAX_COUNT = 100_000;

    private final RunConfigStore runs;
    private final OutboundPublisher outbound;
    private final MessageCodec codec;
    private final Clock clock;

    public RunsResource(RunConfigStore runs, OutboundPublisher outbound, MessageCodec codec, Clock clock) {
        this.runs = runs;
        this.outbound = outbound;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * The stored configuration of a run, defaults filled in; 404 for a run never configured with {@code PUT} (its
     * seeds work under the defaults, which {@code GET /runs} names).
     */
    @GET
    public JsonNode get(@PathParam("runId") String runId) {
        RunConfig run = runs.stored(runId).orElseThrow(() -> new NotFoundException(Response.status(404)
                .type(MediaType.APPLICATION_JSON).entity(Map.of("error", "run " + runId + " has no stored"
                        + " configuration (PUT /runs/" + runId + " stores one); its seeds work under the defaults",
                        "runId", runId)).build()));
        return codec.mapper().valueToTree(run.withDefaults());
    }

    /**
     * Stores a run's configuration (synthsmith.run/v1; schema, runId and id may be left out) in Infinispan and
     * publishes it on the runs topic. Seeds and requests of the run read it from then on.
     */
    @PUT
    @RequiresToken
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonNode put(@PathParam("runId") String runId, ObjectNode body) {
        body.put("schema", RunConfig.SCHEMA);
        body.put("runId", runId);
        body.put("id", runId);
        RunConfig run;
        try {
            run = codec.decode(MessageType.RUN, codec.mapper().writeValueAsBytes(body));
        } catch (ContractViolation e) {
            throw new BadRequestException(Response.status(400).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", e.getMessage(), "field", String.valueOf(e.field()))).build());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequestException("the body is not JSON: " + e.getOriginalMessage());
        }
        RunConfig stamped = new RunConfig(run.schema(), runId, runId,
                run.lineage() == null ? Lineage.empty() : run.lineage(),
                run.createdAt() == null ? clock.instant() : run.createdAt(), run.tasksPerSeed(),
                run.evolutionRounds(), run.featureTreeScope(), run.styles(), run.candidatesPerTask(),
                run.minUsableCandidates(), run.testsPerTask(), run.language(), run.models(), run.export(),
                run.probe());
        runs.put(stamped);
        outbound.publish(Topic.RUNS, stamped);
        return codec.mapper().valueToTree(stamped.withDefaults());
    }

    /** Asks for {@code count} more tasks from the run's current tree, as generation requests on the internal topic. */
    @POST
    @RequiresToken
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response generate(@PathParam("runId") String runId, GenerateCommand command) {
        if (command == null || command.count() == null || command.count() < 1 || command.count() > MAX_COUNT) {
            throw new BadRequestException(Response.status(400).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "give {\"count\": n} with 1 <= n <= " + MAX_COUNT
                            + ", and optionally \"batch\" to make the call idempotent")).build());
        }
        String batch = command.batch() == null || command.batch().isBlank()
                ? "batch-" + UUID.randomUUID() : command.batch();
        if (!batch.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}")) {
            throw new BadRequestException(Response.status(400).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "batch must be letters, digits and . _ : - (up to 200), got: " + batch))
                    .build());
        }
        RunConfig run = runs.resolve(runId);
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < command.count(); i++) {
            String id = Ids.derive("request", runId, GenerationRequest.Origin.API.wire(), batch, Integer.toString(i));
            outbound.publish(Topic.GENERATION_REQUESTS, new GenerationRequest(GenerationRequest.SCHEMA, runId, id,
                    Lineage.empty().next(TaskGeneration.STAGE, null, id, now), now, GenerationRequest.Origin.API,
                    null, batch, i, run));
            ids.add(id);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", runId);
        body.put("batch", batch);
        body.put("requests", ids);
        body.put("taskIds", ids.stream().map(TaskGeneration::taskIdOf).toList());
        return Response.accepted(body).build();
    }
}
