package io.synthsmith.messages;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * A request to generate one task from a run's feature tree, on the task evolver's internal generation-requests
 * topic, so that generation spreads over every evolver replica. Its id is deterministic (run, origin, seed or
 * batch, index), and the task made from it derives its id from this one, so a redelivered request yields the
 * same task id.
 *
 * @param origin what asked for it: a merged seed, or the {@code POST /runs/{runId}/generate} API
 * @param seedId the seed whose merge emitted it; null for API requests
 * @param batch  the id of the API call's batch, or the seed id for seed requests
 * @param index  the position of this request within its seed's or batch's requests, from 0
 * @param run    the resolved configuration of the run when the request was made
 */
public record GenerationRequest(
        String schema,
        String runId,
        String id,
        Lineage lineage,
        Instant createdAt,
        Origin origin,
        String seedId,
        String batch,
        int index,
        RunConfig run) implements Envelope {

    public static final String SCHEMA = "synthsmith.generation.request/v1";

    /** What asked for a task. */
    public enum Origin {
        SEED("seed"), API("api");

        private final String wire;

        Origin(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }
}
