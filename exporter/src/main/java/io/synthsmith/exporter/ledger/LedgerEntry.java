package io.synthsmith.exporter.ledger;

import java.time.Instant;

/**
 * The value of a record on the export ledger (key: the task id): which task was exported, for which run, when,
 * and from which accepted record. The exporter reads only the key back; the rest is for people auditing an export.
 */
public record LedgerEntry(String taskId, String runId, String acceptedId, Instant exportedAt, Source accepted) {

    /** The accepted record the task was exported from. */
    public record Source(String topic, int partition, long offset) {
    }
}
