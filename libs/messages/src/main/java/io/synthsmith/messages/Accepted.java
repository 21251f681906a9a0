package io.synthsmith.messages;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/** A verified task that is unique in its dedup scope and clean of benchmark problems, on the accepted topic. */
public record Accepted(
        String schema,
        String runId,
        String id,
        Lineage lineage,
        Instant createdAt,
        Verified verified,
        Dedup dedup) implements Envelope {

    public static final String SCHEMA = "synthsmith.accepted/v1";

    /** What the dedup stage found: the task's statement hash, its scope and its nearest indexed neighbour. */
    public record Dedup(String statementHash, Scope scope, Double nearestSimilarity) {
    }

    /** Where uniqueness was checked: within the run, or across every run. */
    public enum Scope {
        RUN("run"), GLOBAL("global");

        private final String wire;

        Scope(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }
}
