package io.synthsmith.messages;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * Well-formed work that a stage decided against, with its reason, on the rejected topic. Malformed messages
 * go to dead-letter topics instead; this topic is for yields analysed per stage.
 */
public record Rejected(
        String schema,
        String runId,
        String id,
        Lineage lineage,
        Instant createdAt,
        String stage,
        Reason reason,
        String detail,
        String subjectId,
        String subjectSchema,
        Map<String, Object> evidence,
        JsonNode subject) implements Envelope {

    public static final String SCHEMA = "synthsmith.rejected/v1";

    public Rejected {
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }

    /** Why work was rejected. */
    public enum Reason {
        INVALID_SEED("invalid_seed"),
        OVERSIZE("oversize"),
        LLM_FAILED("llm_failed"),
        UNPARSABLE_REPLY("unparsable_reply"),
        TOO_FEW_CANDIDATES("too_few_candidates"),
        TOO_FEW_TESTS("too_few_tests"),
        NO_CONSENSUS("no_consensus"),
        NO_GOLDEN("no_golden"),
        CONTRADICTS_SAMPLES("contradicts_samples"),
        UNSUPPORTED_TASK("unsupported_task"),
        DUPLICATE("duplicate"),
        NEAR_DUPLICATE("near_duplicate"),
        CONTAMINATED("contaminated"),
        /** Too few tests left once the tests the candidates were split on (and nothing decided) were dropped. */
        CONTESTED("contested"),
        /** Every labelled output of the task is the same: the tests cannot tell a right solution from a constant. */
        DEGENERATE_LABELS("degenerate_labels");

        private final String wire;

        Reason(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }
}
