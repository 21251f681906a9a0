package io.synthsmith.messages;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;

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
 * @param document optional (revision 2): for a request made from a document seed, the SynthLLM level it asks for
 *                 and, for levels 1 and 2, the document and its own concepts; null otherwise
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
        RunConfig run,
        DocumentSource document) implements Envelope {

    public static final String SCHEMA = "synthsmith.generation.request/v1";

    /** A request without a document. */
    public GenerationRequest(String schema, String runId, String id, Lineage lineage, Instant createdAt, Origin origin,
            String seedId, String batch, int index, RunConfig run) {
        this(schema, runId, id, lineage, createdAt, origin, seedId, batch, index, run, null);
    }

    /**
     * The document seed behind a request and the SynthLLM level asked for: 1, a question from this one document
     * ({@code title} and {@code text} given); 2, this document's own {@code concepts} recombined; 3, concepts joined
     * across documents by a random walk (title, text and concepts may be left out).
     */
    public record DocumentSource(int level, String title, String text, List<String> concepts) {

        public DocumentSource {
            if (level < 1 || level > 3) {
                throw new IllegalArgumentException("a SynthLLM level is 1, 2 or 3, got " + level);
            }
            concepts = concepts == null ? List.of() : List.copyOf(concepts);
        }
    }

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
